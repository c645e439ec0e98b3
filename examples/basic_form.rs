//! A form with text inputs, a select and client state, as in the seed's
//! basic form: prints the markup for one saved configuration.
//!
//! Run with `cargo run --example basic_form`.

use uihook::{uihook, Markup, NoticeType};

/// What the hook has stored for this configuration.
struct Saved<'a> {
    secret_id: &'a str,
    region: &'a str,
    account_id: u64,
    message: Option<(NoticeType, &'a str)>,
}

const REGIONS: &[(&str, &str)] = &[
    ("iad1", "Washington, D.C. (iad1)"),
    ("cdg1", "Paris (cdg1)"),
    ("hnd1", "Tokyo (hnd1)"),
];

fn form(saved: &Saved<'_>) -> Markup {
    uihook! {
        <Page>
            <Container>
                <H1>Basic form</H1>
                <P>Store two values for this configuration, or reset them.</P>
                {saved.message.map(|(kind, text)| uihook! { <Notice type={kind}>{text}</Notice> })}
                <Input label="Secret Id" name="secretId" value={saved.secret_id} />
                <Input label="Secret Key" name="secretKey" type="password" value="" />
                <Select label="Region" name="region" value={saved.region}>
                    {REGIONS.iter().map(|&(value, caption)| uihook! { <Option value={value} caption={caption} /> })}
                </Select>
                <ClientState accountId={saved.account_id} />
            </Container>
            <Container>
                <Button action="submit">Submit</Button>
                <Button action="reset" type="secondary">Reset</Button>
                <ResetButton targets="secretId, secretKey">Clear fields</ResetButton>
            </Container>
        </Page>
    }
}

fn main() {
    let saved = Saved {
        secret_id: "sk_live_51HdA",
        region: "cdg1",
        account_id: 42,
        message: Some((NoticeType::Success, "Saved \"sk_live_51HdA\" & the region.")),
    };
    println!("{}", form(&saved));
}
