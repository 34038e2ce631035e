//! What people expect of a command-line tool: completion scripts, a man page, and help with
//! examples, all generated from the same command definitions.

use crate::common::Workspace;

#[test]
fn completion_scripts_are_generated_for_every_shell() {
    let ws = Workspace::new();
    for (shell, marker) in [
        ("bash", "_newsdex()"),
        ("zsh", "#compdef newsdex"),
        ("fish", "complete -c newsdex"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = ws.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(
            run.stdout.contains(marker),
            "{shell}: {}",
            &run.stdout[..200.min(run.stdout.len())]
        );
        // Every subcommand can be completed.
        for command in ["index", "query", "timeline", "quotes", "show", "export"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
    }
    let run = ws.run(&["completions", "tcsh"]);
    assert_eq!(run.code, 2, "an unknown shell is a usage error");
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let run = Workspace::new().run(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH newsdex 1"), "{}", run.stdout);
    for command in [
        "index",
        "query",
        "timeline",
        "quotes",
        "extract",
        "completions",
    ] {
        assert!(run.stdout.contains(command), "the man page lacks {command}");
    }
}

#[test]
fn every_help_has_an_example_and_training_options_stay_out_of_sight() {
    let ws = Workspace::new();
    let commands = [
        "index",
        "query",
        "timeline",
        "quotes",
        "extract",
        "stats",
        "show",
        "export",
        "eval",
        "train-ner",
        "completions",
        "man",
    ];
    for command in commands {
        let run = ws.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert!(
            run.stdout.contains("Example"),
            "{command} --help has no example"
        );
    }
    let train = ws.run(&["train-ner", "--help"]).stdout;
    for hidden in [
        "--no-shapes",
        "--no-affixes",
        "--no-clusters",
        "--gazetteer",
        "--no-glove",
    ] {
        assert!(!train.contains(hidden), "{hidden} is in the main help");
    }
}
