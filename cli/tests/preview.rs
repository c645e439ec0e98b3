//! End-to-end tests of `uihook preview`: a file to a file, standard input to
//! standard output, the diagnostics on the page and on standard error, and
//! the exit status on I/O errors.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn uihook() -> Command {
    let mut cmd = Command::cargo_bin("uihook").expect("the uihook binary");
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd
}

/// Runs `uihook preview` with `args`, and `stdin` on standard input if given.
fn preview<A: AsRef<OsStr>>(args: impl IntoIterator<Item = A>, stdin: Option<&[u8]>) -> Output {
    let mut cmd = uihook();
    cmd.arg("preview").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    cmd.output().expect("uihook runs")
}

/// Runs `uihook preview` of the clean fixture with `-o out`.
fn preview_clean_to(out: &Path) -> Output {
    let input = fixture("lint/clean.uihook");
    preview([input.as_os_str(), OsStr::new("-o"), out.as_os_str()], None)
}

#[test]
fn file_to_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("page.html");
    let output = preview_clean_to(&out);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stdout.is_empty(), "the page goes to the file only");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
    let page = std::fs::read_to_string(&out).expect("the page was written");
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.contains("<title>"), "{page}");
    assert!(
        page.contains("--geist-foreground: #000;"),
        "the stylesheet is inline"
    );
    assert!(page.contains("<div class=\"uh-view\"><div class=\"uh-page\">"));
    assert!(page.contains(">No problems</h2>"), "{page}");
}

#[test]
fn stdin_to_stdout_lists_diagnostics() {
    let src = "<Page>\n<Foo>x</Foo>\n<Link href=\"javascript:alert(1)\">a &lt;script&gt;</Link>\n</Page>\n";
    let output = preview(["-", "--title", "Mine <1>"], Some(src.as_bytes()));
    // Markup errors are shown on the page; they are not a failure of the command.
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let page = String::from_utf8(output.stdout).expect("UTF-8 HTML");
    assert!(page.contains("<title>Mine &lt;1&gt;</title>"), "{page}");
    assert!(page.contains(
        "<div class=\"uh-unknown\" data-uh-code=\"unknown-component\"><span class=\"uh-unknown-name\">&lt;Foo&gt;</span>"
    ));
    assert!(page.contains(
        "<a class=\"uh-link\" rel=\"noopener noreferrer\" data-uh-blocked=\"href\">a &lt;script&gt;</a>"
    ));
    assert!(
        page.contains("<span class=\"uh-diagnostic-position\">2:2</span>"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"uh-diagnostic-position\">3:12</span>"),
        "{page}"
    );
    assert!(!page.contains("javascript:alert"), "{page}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("standard input: 2 errors, 0 warnings"),
        "{stderr}"
    );
}

#[test]
fn dash_output_is_stdout() {
    let output = preview(["-", "-o", "-"], Some(b"<Page><P>hi</P></Page>"));
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains("<p class=\"uh-p\">hi</p>"), "{page}");
}

#[test]
fn missing_input_exits_2() {
    let output = preview(["no-such-file.uihook"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: no-such-file.uihook: "),
        "{stderr}"
    );
}

#[test]
fn unwritable_output_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("missing-dir").join("page.html");
    let output = preview_clean_to(&out);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("page.html: "), "{stderr}");
}

#[test]
fn non_utf8_input_exits_2() {
    let output = preview(["-"], Some(&[b'<', 0xff, 0xfe]));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_nearest_uihook_toml_declares_extra_components() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("uihook.toml"),
        "extra-components = [\"Chart\"]\n",
    )
    .expect("config written");
    let file = dir.path().join("page.uihook");
    std::fs::write(&file, "<Page><Chart/><Bogus/></Page>").expect("markup written");
    let output = preview([file.as_os_str()], None);
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains("the preview cannot draw it"), "{page}");
    assert!(
        !page.contains("`Chart` is not a UIHook component"),
        "{page}"
    );
    assert!(page.contains("`Bogus` is not a UIHook component"), "{page}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.ends_with(": 1 errors, 0 warnings\n"), "{stderr}");

    // `--config` names the file instead, and a broken one stops the preview.
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "extra-components = 3\n").expect("config written");
    let output = preview(
        [file.as_os_str(), OsStr::new("--config"), broken.as_os_str()],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("broken.toml"),
        "{stderr}"
    );
}
