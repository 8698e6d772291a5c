//! What users and the clinic's staff expect of a terminal program: one config
//! file with its precedence, completions and a man page, plain output for
//! screen readers, the Debian package's files, the content guide and its
//! worked example, and `reader new`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("conventions-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary with HOME at `home` and none of the caller's settings.
fn reader(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("reader").unwrap();
    cmd.current_dir(ROOT)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("READER_CONFIG")
        .env_remove("READER_ARTICLES")
        .env_remove("NO_COLOR")
        .env_remove("TERM");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The `reader config` line of `key`.
fn config_line(report: &str, key: &str) -> String {
    report
        .lines()
        .find(|l| l.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("no {key} in\n{report}"))
        .to_string()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

// 1. One config file.

#[test]
fn config_toml_in_xdg_config_home_is_read_with_its_lines() {
    let home = scratch("xdg");
    let xdg = home.join("xdg");
    let file = xdg.join("reader/config.toml");
    write(
        &file,
        "[reader]\ntheme = \"high-contrast\"\nmeasure = 36\n[kiosk]\nidle_timeout = 120\nexit_sequence = [\"ctrl-x\", \"q\"]\n",
    );
    let report = stdout(reader(&home).env("XDG_CONFIG_HOME", &xdg).arg("config"));
    let shown = file.display().to_string();
    assert!(config_line(&report, "config").contains(&shown), "{report}");
    assert!(config_line(&report, "reader.theme").ends_with(&format!("{shown}:2")));
    assert!(config_line(&report, "reader.measure").contains("36"));
    assert!(config_line(&report, "kiosk.idle_timeout").ends_with(&format!("{shown}:5")));
    assert!(config_line(&report, "kiosk.exit_sequence").contains(r#"["ctrl-x","q"]"#));
    assert!(config_line(&report, "reader.wrap").ends_with("default"));
}

#[test]
fn an_empty_xdg_config_home_means_home_dot_config() {
    let home = scratch("empty-xdg");
    write(
        &home.join(".config/reader/config.toml"),
        "[reader]\nwrap = \"phrase\"\n",
    );
    let report = stdout(reader(&home).env("XDG_CONFIG_HOME", "").arg("config"));
    assert!(
        config_line(&report, "reader.wrap").contains("phrase"),
        "{report}"
    );
    // A relative XDG_CONFIG_HOME is ignored too, as the XDG spec says.
    let report = stdout(reader(&home).env("XDG_CONFIG_HOME", "xdg").arg("config"));
    assert!(
        config_line(&report, "reader.wrap").contains("phrase"),
        "{report}"
    );
}

#[test]
fn flags_beat_environment_beat_file_beat_defaults() {
    let home = scratch("precedence");
    let env_file = home.join("env.toml");
    let flag_file = home.join("flag.toml");
    write(
        &env_file,
        "[reader]\ntheme = \"high-contrast\"\narticles = \"from-file\"\n",
    );
    write(&flag_file, "[reader]\nambiguous_wide = true\n");
    let report = stdout(reader(&home).env("READER_CONFIG", &env_file).arg("config"));
    assert!(
        config_line(&report, "config").ends_with("env READER_CONFIG"),
        "{report}"
    );
    assert!(config_line(&report, "reader.theme").contains("high-contrast"));
    // Relative to the file's folder.
    let from_file = home.join("from-file").display().to_string();
    assert!(
        config_line(&report, "reader.articles").contains(&from_file),
        "{report}"
    );

    let report = stdout(
        reader(&home)
            .env("READER_CONFIG", &env_file)
            .env("READER_ARTICLES", "tests/fixtures/good")
            .env("NO_COLOR", "1")
            .args(["config", "--theme", "default"]),
    );
    assert!(config_line(&report, "reader.articles").ends_with("env READER_ARTICLES"));
    assert!(config_line(&report, "reader.theme").ends_with("flag --theme"));
    assert!(config_line(&report, "color").ends_with("env NO_COLOR"));

    let report = stdout(
        reader(&home)
            .env("READER_CONFIG", &env_file)
            .args(["config", "--config"])
            .arg(&flag_file),
    );
    assert!(
        config_line(&report, "config").ends_with("flag --config"),
        "{report}"
    );
    assert!(config_line(&report, "reader.ambiguous_wide").contains("true"));
    assert!(config_line(&report, "reader.theme").ends_with("default"));
}

#[test]
fn the_config_files_articles_directory_is_used() {
    let home = scratch("articles-from-file");
    let file = home.join("config.toml");
    write(
        &file,
        &format!("[reader]\narticles = \"{ROOT}/tests/fixtures/good\"\n"),
    );
    let listed = stdout(reader(&home).arg("--config").arg(&file).arg("--list"));
    let bundled = stdout(reader(&home).arg("--list"));
    assert_ne!(listed, bundled);
}

#[test]
fn unknown_keys_and_wrong_types_are_errors_at_line_and_column() {
    let home = scratch("bad-config");
    let file = home.join("config.toml");
    write(&file, "[reader]\nwrap = \"normal\"\ncolour = \"never\"\n");
    reader(&home)
        .arg("--config")
        .arg(&file)
        .arg("--list")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "{}:3:1: unknown field `colour`",
            file.display()
        )));
    write(&file, "[kiosk]\ndwell_min = \"ten\"\n");
    reader(&home)
        .args(["config", "--config"])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "{}:2:13:",
            file.display()
        )));
    // A file named by the flag or READER_CONFIG must exist.
    reader(&home)
        .env("READER_CONFIG", home.join("missing.toml"))
        .arg("config")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn config_json_names_each_source() {
    let home = scratch("config-json");
    let file = home.join("config.toml");
    write(&file, "[kiosk]\ndwell_max = 60\n");
    let out = stdout(
        reader(&home)
            .env("READER_CONFIG", &file)
            .args(["config", "--format", "json", "--wrap", "phrase"]),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["kiosk.dwell_max"]["value"], 60);
    assert_eq!(json["kiosk.dwell_max"]["source"], "file");
    assert_eq!(json["kiosk.dwell_max"]["line"], 2);
    assert_eq!(json["config"]["variable"], "READER_CONFIG");
    assert_eq!(json["reader.wrap"]["flag"], "--wrap");
    assert_eq!(json["reader.articles"]["value"], serde_json::Value::Null);
    assert_eq!(
        json["reader.measure"],
        serde_json::json!({"value": 40, "source": "default"})
    );
}

#[test]
fn the_shipped_config_and_the_readmes_example_are_valid() {
    let home = scratch("shipped-config");
    let report = stdout(reader(&home).args(["config", "--config", "deploy/config.toml"]));
    assert!(
        config_line(&report, "kiosk.theme").contains("deploy/config.toml:"),
        "{report}"
    );
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let example = fenced_blocks(&readme, "toml")
        .into_iter()
        .find(|b| b.starts_with("[reader]"))
        .expect("README's Settings has a config example");
    let file = home.join("config.toml");
    write(&file, &example);
    let report = stdout(reader(&home).arg("config").arg("--config").arg(&file));
    assert!(
        config_line(&report, "kiosk.exit_sequence").contains("ctrl-x"),
        "{report}"
    );
}

// 2. Completions and a man page.

#[test]
fn completions_and_man_page_in_deploy_match_what_the_binary_prints() {
    let home = scratch("generated");
    let cases: [(&[&str], &str); 4] = [
        (&["man"], "deploy/reader.1"),
        (&["completions", "bash"], "deploy/completions/reader.bash"),
        (&["completions", "zsh"], "deploy/completions/_reader"),
        (&["completions", "fish"], "deploy/completions/reader.fish"),
    ];
    for (args, file) in cases {
        let printed = stdout(reader(&home).args(args));
        let committed = std::fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
        assert!(
            printed == committed,
            "{file} is stale: run `reader {} > {file}`",
            args.join(" ")
        );
    }
}

#[test]
fn completions_offer_the_subcommands_and_flags() {
    let home = scratch("completions");
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(reader(&home).args(["completions", shell]));
        for word in ["check", "config", "new", "--articles", "high-contrast"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    reader(&home).args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_documents_every_flag_and_the_exit_codes() {
    let home = scratch("man");
    let page = stdout(reader(&home).arg("man"));
    assert!(
        page.starts_with(".ie") || page.contains(".TH reader 1"),
        "{page}"
    );
    for flag in [
        "\\-\\-plain",
        "\\-\\-config",
        "\\-\\-kiosk",
        "EXAMPLES",
        "Exit codes",
    ] {
        assert!(page.contains(flag), "man page lacks {flag}");
    }
}

#[test]
fn man_and_completions_ignore_a_broken_config_file() {
    let home = scratch("broken-config-man");
    let file = home.join("bad.toml");
    write(&file, "nonsense");
    reader(&home)
        .env("READER_CONFIG", &file)
        .arg("man")
        .assert()
        .success();
    reader(&home)
        .env("READER_CONFIG", &file)
        .args(["completions", "fish"])
        .assert()
        .success();
}

// 3. Plain output.

#[test]
fn plain_with_kiosk_is_a_usage_error() {
    let home = scratch("plain-kiosk");
    reader(&home)
        .args(["--plain", "--kiosk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--kiosk").and(predicate::str::contains("--plain")));
    reader(&home)
        .env("TERM", "dumb")
        .arg("--kiosk")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("TERM"));
}

#[test]
fn plain_prints_without_colour_even_when_colour_is_asked() {
    let home = scratch("plain-colour");
    let out = stdout(reader(&home).args(["--plain", "--color", "always"]));
    assert!(out.contains("再手術") && !out.contains('\x1b'), "{out}");
    let out = stdout(reader(&home).env("TERM", "dumb"));
    assert!(!out.contains('\x1b'));
}

/// What the binary writes to a pseudo-terminal before it exits by itself.
fn run_in_pty(term: &str, args: &[&str]) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_reader"));
    cmd.args(args);
    cmd.env("TERM", term);
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("READER_CONFIG");
    cmd.env("XDG_CONFIG_HOME", scratch("pty-xdg"));
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut out = pty.master.try_clone_reader().unwrap();
    let collected = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        bytes
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("reader with TERM={term} did not exit by itself: it opened the full screen");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(pty.master);
    String::from_utf8_lossy(&collected.join().unwrap()).into_owned()
}

#[test]
fn term_dumb_on_a_terminal_prints_plain_text_instead_of_the_full_screen() {
    let out = run_in_pty("dumb", &[]);
    assert!(out.contains("再手術"), "{out}");
    // No alternate screen, no colour: nothing but text for a braille display.
    assert!(!out.contains('\x1b'), "{out:?}");
    let out = run_in_pty("xterm-256color", &["--plain"]);
    assert!(out.contains("再手術") && !out.contains('\x1b'), "{out:?}");
}

// 5. The Debian package.

fn fenced_blocks(markdown: &str, lang: &str) -> Vec<String> {
    let open = format!("```{lang}\n");
    markdown
        .split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once("```\n").map(|(body, _)| body.to_string()))
        .collect()
}

#[test]
fn the_kiosk_unit_file_and_the_readmes_unit_agree() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let deployment = readme
        .split("### Deployment on a reception PC")
        .nth(1)
        .expect("README has a deployment section");
    let blocks = fenced_blocks(deployment, "ini");
    assert_eq!(
        blocks.len(),
        1,
        "one ```ini block in the deployment section"
    );
    let unit =
        std::fs::read_to_string(Path::new(ROOT).join("deploy/reader-kiosk.service")).unwrap();
    assert!(
        blocks[0] == unit,
        "README's unit differs from deploy/reader-kiosk.service"
    );
}

#[test]
fn the_kiosk_unit_runs_the_packaged_binary_and_reloads_with_sigusr1() {
    let unit =
        std::fs::read_to_string(Path::new(ROOT).join("deploy/reader-kiosk.service")).unwrap();
    assert!(unit.contains("/usr/bin/reader --kiosk"), "{unit}");
    assert!(unit.contains("ExecReload=/usr/bin/pkill -USR1"), "{unit}");
    assert!(unit.contains("Environment=READER_CONFIG=/etc/reader/config.toml"));
    assert!(
        unit.contains("[Install]"),
        "installable, but the package does not enable it"
    );
}

#[test]
fn every_deb_asset_but_the_binary_is_in_the_repository() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap())
            .unwrap();
    let assets = manifest["package"]["metadata"]["deb"]["assets"]
        .as_array()
        .unwrap();
    let mut targets = Vec::new();
    for asset in assets {
        let source = asset[0].as_str().unwrap();
        targets.push(asset[1].as_str().unwrap().to_string());
        if source != "target/release/reader" {
            assert!(
                Path::new(ROOT).join(source).is_file(),
                "{source} is missing"
            );
        }
    }
    for wanted in [
        "usr/share/man/man1/reader.1",
        "usr/lib/systemd/system/reader-kiosk.service",
        "usr/share/bash-completion/completions/reader",
        "usr/share/zsh/vendor-completions/_reader",
        "usr/share/fish/vendor_completions.d/reader.fish",
    ] {
        assert!(
            targets.iter().any(|t| t == wanted),
            "the package lacks {wanted}"
        );
    }
}

// 6. and 7. The content guide and its worked example.

const GUIDE: &str = "tests/fixtures/guide";

fn guide() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("articles/README.md")).unwrap()
}

/// Keys (`key =`) and tables (`[table]`, `[[table]]`) in TOML text, also
/// commented-out ones: `# updated = …` mentions `updated`.
fn toml_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.trim_start_matches(['#', ' ']);
        if let Some(table) = line.strip_prefix('[') {
            let table = table.trim_start_matches('[');
            names.push(table.split(']').next().unwrap_or(table).to_string());
        } else if let Some((key, _)) = line.split_once(" = ")
            && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            names.push(key.to_string());
        }
    }
    names
}

#[test]
fn the_guides_example_loads_and_uses_every_feature_it_documents() {
    let library = reader::content::load_library(Some(&Path::new(ROOT).join(GUIDE))).unwrap();
    let article = &library.articles[0];
    assert!(article.updated.is_some() && article.image_caption.is_some());
    assert!(article.category.is_some() && !article.tags.is_empty() && article.featured);
    assert_eq!(article.related, ["guide-related"]);
    assert!(article.terms.iter().any(|t| t.plain.is_some()));
    assert!(library.clinic.notices.iter().any(|n| n.article.is_some()));
    assert!(article.url.is_some(), "the url for the QR code");
    assert!(article.questions.len() >= 2);
    let full = &article.references[0];
    assert!(
        full.et_al
            && full.container.is_some()
            && full.volume.is_some()
            && full.issue.is_some()
            && full.pages.is_some()
            && full.date.is_some()
            && full.doi.is_some(),
        "the first reference has every field: {full:?}"
    );
    assert!(article.references.iter().any(|r| r.url.is_some()));
    let source = std::fs::read_to_string(Path::new(ROOT).join(GUIDE).join("example.md")).unwrap();
    for (what, mark) in [
        ("a question", "\n## "),
        ("a sub-heading", "\n### "),
        ("a list", "\n- "),
        ("a nested list", "\n  - "),
        ("a numbered list", "\n1. "),
        ("bold", "**"),
        ("ruby", "}の目安"),
        ("ruby per character", "|ぎ|かん|せつ}"),
    ] {
        assert!(source.contains(mark), "the example lacks {what}");
    }
    Command::cargo_bin("reader")
        .unwrap()
        .current_dir(ROOT)
        .args(["check", GUIDE])
        .assert()
        .success();
}

#[test]
fn every_front_matter_key_the_guide_mentions_is_in_the_example() {
    let guide = guide();
    let front_matter = fenced_blocks(&guide, "toml")
        .into_iter()
        .find(|b| b.starts_with("+++"))
        .expect("the guide shows the front matter");
    let example = std::fs::read_to_string(Path::new(ROOT).join(GUIDE).join("example.md")).unwrap();
    let used = toml_names(example.split("+++").nth(1).unwrap());
    let mentioned = toml_names(&front_matter);
    assert!(mentioned.len() >= 15, "{mentioned:?}");
    for key in mentioned {
        assert!(
            used.contains(&key),
            "the example lacks front matter key `{key}`"
        );
    }
}

#[test]
fn every_clinic_key_the_guide_mentions_is_in_the_example() {
    let guide = guide();
    let clinic_part = guide
        .split("## 3. The clinic's information")
        .nth(1)
        .expect("the guide has a clinic section");
    let example = std::fs::read_to_string(Path::new(ROOT).join(GUIDE).join("clinic.toml")).unwrap();
    let used = toml_names(&example);
    let mut mentioned: Vec<String> = fenced_blocks(clinic_part, "toml")
        .iter()
        .flat_map(|b| toml_names(b))
        .collect();
    // The details the guide lists in prose, as `name`, `phone`, ….
    mentioned.extend(
        clinic_part
            .split("### The clinic's details")
            .nth(1)
            .unwrap()
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(String::from),
    );
    assert!(mentioned.len() >= 25, "{mentioned:?}");
    for key in mentioned {
        assert!(used.contains(&key), "the example clinic.toml lacks `{key}`");
    }
}

#[test]
fn a_readme_in_an_articles_directory_is_not_an_article() {
    let dir = scratch("articles-copy");
    for entry in std::fs::read_dir(Path::new(ROOT).join("articles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    assert!(dir.join("README.md").exists());
    let home = scratch("articles-copy-home");
    reader(&home)
        .arg("check")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: 1 article(s)"));
    // And the bundled articles, which build.rs embeds from articles/.
    let listed = stdout(reader(&home).arg("--list"));
    assert_eq!(listed.lines().count(), 1, "{listed}");
}

// 8. reader new.

#[test]
fn reader_new_writes_a_skeleton_that_passes_check() {
    let dir = scratch("new");
    let home = scratch("new-home");
    reader(&home)
        .args(["new", "low-back-pain", "--articles"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("low-back-pain.md"));
    let text = std::fs::read_to_string(dir.join("low-back-pain.md")).unwrap();
    assert!(text.contains("slug = \"low-back-pain\""), "{text}");
    reader(&home).arg("check").arg(&dir).assert().success();
    // In the current directory without --articles.
    let here = scratch("new-here");
    reader(&home)
        .current_dir(&here)
        .args(["new", "here"])
        .assert()
        .success();
    assert!(here.join("here.md").is_file());
}

#[test]
fn reader_new_never_overwrites() {
    let dir = scratch("new-overwrite");
    let home = scratch("new-overwrite-home");
    std::fs::write(dir.join("taken.md"), "mine").unwrap();
    reader(&home)
        .args(["new", "taken", "--articles"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("never overwrites"));
    assert_eq!(
        std::fs::read_to_string(dir.join("taken.md")).unwrap(),
        "mine"
    );
}

#[test]
fn reader_new_refuses_a_slug_that_is_not_one() {
    let dir = scratch("new-bad-slug");
    let home = scratch("new-bad-slug-home");
    for slug in ["Low-Back", "../escape", "腰痛", ""] {
        reader(&home)
            .args(["new", slug, "--articles"])
            .arg(&dir)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a slug"));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn the_measure_flag_beats_the_file_and_stays_in_range() {
    let home = scratch("measure-flag");
    let config = home.join("config.toml");
    std::fs::write(&config, "[reader]\nmeasure = 36\n").unwrap();
    let report = stdout(
        reader(&home)
            .args(["config", "--measure", "30"])
            .arg("--config")
            .arg(&config),
    );
    let line = config_line(&report, "reader.measure");
    assert!(line.contains("30") && line.contains("--measure"), "{line}");
    reader(&home)
        .args(["--measure", "9", "--list"])
        .assert()
        .code(2);
}

// Issue 22: the config file is read as content files are (only a regular
// file, size-capped, never blocking), and what it or the environment holds
// is shown with its control characters escaped.

/// `reader ARGS` with READER_CONFIG at `config`, killed after 30 s: a hang
/// fails the test instead of stalling the run.
fn with_config(home: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    let out = reader(home)
        .env("READER_CONFIG", config)
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(out.status.code().is_some(), "killed: {args:?}");
    out
}

/// Control characters (but the newline that ends lines) and bidi overrides.
fn assert_no_control(what: &str, s: &str) {
    let bad: Vec<char> = s
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{s}");
}

/// The articles directory as `reader config` shows it in `format`.
fn articles_shown(format: &str, report: &str) -> String {
    if format == "json" {
        let json: serde_json::Value = serde_json::from_str(report).unwrap();
        return json["reader.articles"]["value"]
            .as_str()
            .unwrap()
            .to_string();
    }
    let line = config_line(report, "reader.articles");
    line.split_whitespace().nth(1).unwrap().to_string()
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_default_config_path_is_refused_without_blocking() {
    let home = scratch("config-fifo");
    let fifo = home.join(".config/reader/config.toml");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [&["config"][..], &["check"], &["--list"]] {
        let out = reader(&home)
            .args(args)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "{}: it is a named pipe (FIFO): expected a regular file",
                fifo.display()
            )),
            "{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_config_symlinked_to_a_device_is_refused() {
    let home = scratch("config-dev-zero");
    let link = home.join("config.toml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let out = with_config(&home, &link, &["config"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml: it is a character device: expected a regular file"),
        "{err}"
    );
}

#[test]
fn a_config_file_over_the_cap_is_refused_unread() {
    let home = scratch("config-huge");
    let file = home.join("config.toml");
    // Sparse: 200 MB long, nothing on disk.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let out = with_config(&home, &file, &["config"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml: it is 209715200 bytes: expected at most"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_in_the_config_is_an_error_at_its_line_and_column() {
    let home = scratch("config-utf8");
    let file = home.join("config.toml");
    std::fs::write(&file, b"[reader]\nwrap = \"\xff\"\n").unwrap();
    let out = with_config(&home, &file, &["config"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}:2:9: invalid UTF-8 (byte 0xff)",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn reader_config_shows_control_characters_of_the_file_and_environment_escaped() {
    let home = scratch("config-escapes");
    let file = home.join("config.toml");
    // OSC 52 (write the clipboard), a C1 CSI and a right-to-left override,
    // as TOML escapes: the file itself holds only printable text.
    write(
        &file,
        "[reader]\narticles = \"/srv/\\u001b]52;c;cm0gLXJmIH4K\\u0007\\u009b2J\\u202eevil\"\n",
    );
    for format in ["text", "json"] {
        let out = with_config(&home, &file, &["config", "--format", format]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_no_control(format, &text);
        let shown = articles_shown(format, &text);
        assert!(
            shown.contains(r"/srv/\u{1b}]52;c;cm0gLXJmIH4K\u{7}\u{9b}2J\u{202e}evil"),
            "{text}"
        );
    }
    for format in ["text", "json"] {
        let out = reader(&home)
            .env(
                "READER_ARTICLES",
                "/srv/\u{1b}]0;TITLE\u{7}\u{9b}31m\u{2066}x",
            )
            .args(["config", "--format", format])
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_no_control(format, &text);
        let shown = articles_shown(format, &text);
        assert_eq!(
            shown, r"/srv/\u{1b}]0;TITLE\u{7}\u{9b}31m\u{2066}x",
            "{text}"
        );
    }
}
