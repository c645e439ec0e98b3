//! Cargo rebuilds a crate using `uihook!` when its `uihook.toml` changes:
//! the expansion names the file in a hidden `include_bytes!`, so rustc lists
//! it in the crate's dep-info.
//!
//! A small crate depending on the workspace's `uihook` by path is built
//! twice with `cargo build`; between the builds its `uihook.toml` stops
//! declaring `Chart`, so the second build must run the macro again and fail.
//! The target directory is kept under `target/tmp/`, so only the first run
//! on a machine compiles the dependencies (about a minute on two cores).

use std::path::Path;
use std::process::Command;

fn build(dir: &Path, target: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("UIHOOK_CONFIG")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn changing_uihook_toml_triggers_a_rebuild() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join("uihook-rebuild-crate");
    let target = tmp.join("uihook-rebuild-target");
    std::fs::create_dir_all(dir.join("src")).expect("crate dir");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"uihook-rebuild-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nuihook = {{ path = {:?} }}\n\n\
             # Not a member of the workspace it lies in.\n[workspace]\n",
            workspace.display().to_string()
        ),
    )
    .expect("manifest");
    // The workspace's lock file, so the build needs no registry look-up.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    std::fs::write(
        dir.join("src/main.rs"),
        "use uihook::uihook;\n\nfn main() {\n    print!(\"{}\", uihook! { <Page><Chart /></Page> }.into_string());\n}\n",
    )
    .expect("main.rs");

    std::fs::write(dir.join("uihook.toml"), "extra-components = [\"Chart\"]\n").expect("config");
    let (ok, stderr) = build(&dir, &target);
    assert!(ok, "first build failed:\n{stderr}");

    std::fs::write(dir.join("uihook.toml"), "extra-components = []\n").expect("config");
    let (ok, stderr) = build(&dir, &target);
    assert!(!ok, "the second build did not see the changed uihook.toml");
    assert!(
        stderr.contains("unknown component `Chart`") || stderr.contains("unknown-component"),
        "{stderr}"
    );
}
