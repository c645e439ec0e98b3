use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    // Suppressed: no warning for `secondary`.
    let _ = uihook! { #![allow(legacy_attribute)] <Button secondary>Go</Button> };
    // Nothing to suppress, and a code that is no rule.
    let _ = uihook! { #![allow(legacy_attribute, legacy_atribute)] <Button>Go</Button> };
}
