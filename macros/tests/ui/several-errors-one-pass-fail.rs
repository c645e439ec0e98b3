use uihook::uihook;

fn main() {
    let _ = uihook! {
        <Page>
            <Buton>Go</Buton>
            <Notice type="warning">x</Notice>
            <Img />
        </Page>
    };
}
