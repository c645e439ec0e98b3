//! The realistic benchmark document, shared by the criterion benchmark and
//! the `throughput` example.

use std::fmt::Write;

/// One section of a dashboard page in the two authoring styles real hooks
/// used: hand-written markup and the reference renderer's `{"…"}` output.
fn section(out: &mut String, i: usize) {
    let _ = write!(
        out,
        r#"  <Fieldset>
    <FsContent>
      <FsTitle>Log drain #{i}</FsTitle>
      <FsSubtitle>Send the logs of <B>project-{i}</B> to your own endpoint &amp; keep them for 30 days.</FsSubtitle>
      <Input name="url-{i}" label="Endpoint URL" value="https://logs.example.com/ingest?id={i}&amp;v=2" width="100%" />
      <Select name="format-{i}" value="json" action="change-format"><Option value="json" caption="JSON" /><Option value="ndjson" caption="NDJSON" /><Option value="syslog" caption="Syslog" /></Select>
      <Checkbox name="enabled-{i}" label="Enabled" checked="true" />
    </FsContent>
    <FsFooter>
      <Box display="flex" justifyContent="space-between" alignItems="center" width="100%">
        <P>Last delivery: <Code>200 OK</Code> at 12:0{d}</P>
        <Button action="save-{i}" small type="secondary">Save</Button>
      </Box>
    </FsFooter>
  </Fieldset>
<Box marginTop="20px" padding="10px" borderRadius="5px" backgroundColor="var(--accents-1)" >
<H2 >{{"Deployment {i}"}}</H2>
<P >{{"Status: ready\n"}}{{"Commit message: fix {{braces}} & <tags> in \"quotes\""}}</P>
<UL ><LI ><Link href={{"https://example.com/deployments/{i}"}} target={{"_blank"}} >{{"Open deployment"}}</Link></LI>
<LI ><Link action={{"rollback:::{i}"}} >{{"Roll back"}}</Link></LI></UL>
<Notice type={{"warn"}} >{{"Environment variable API_KEY is missing in preview."}}</Notice>
</Box>
"#,
        d = i % 10
    );
}

/// A `<Page>` of about `target_bytes` bytes made of varied sections.
pub fn document(target_bytes: usize) -> String {
    let mut out = String::with_capacity(target_bytes + 4096);
    out.push_str("<Page>\n");
    let mut i = 0;
    while out.len() < target_bytes {
        section(&mut out, i);
        i += 1;
    }
    out.push_str("<AutoRefresh timeout=\"5000\" />\n</Page>\n");
    out
}

/// 1 MiB of text without characters to escape, and the same text with every
/// 20th character (5 %) one the text escaper must replace.
pub fn escape_inputs() -> (String, String) {
    let clean: String = "The quick brown fox jumps over the lazy dog, 0123456789 é ü ✓. "
        .repeat(16_384)
        .chars()
        .take(1 << 20)
        .collect();
    let specials = ['<', '&', '{', '}', '>'];
    let dirty = clean
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 20 == 19 {
                specials[i / 20 % specials.len()]
            } else {
                c
            }
        })
        .collect();
    (clean, dirty)
}
