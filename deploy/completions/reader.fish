# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_reader_global_optspecs
    string join \n article= list category= print format= width= question= config= plain color= theme= ambiguous-wide wrap= furigana= measure= articles= dwell-min= dwell-max= idle-timeout= clinic at= month= kiosk h/help V/version
end

function __fish_reader_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_reader_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_reader_using_subcommand
    set -l cmd (__fish_reader_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c reader -n "__fish_reader_needs_command" -l article -d 'Article to open or print (its slug)' -r
complete -c reader -n "__fish_reader_needs_command" -l category -d 'With --list: only the articles of this category (その他: those that name none)' -r
complete -c reader -n "__fish_reader_needs_command" -l format -d 'Output format for printing [default: text]; implies --print' -r -f -a "text\t''
markdown\t''
json\t''"
complete -c reader -n "__fish_reader_needs_command" -l width -d 'Line width in columns (default: the terminal\'s width, else 80); implies --print' -r
complete -c reader -n "__fish_reader_needs_command" -l question -d 'Print only question N (1-based); implies --print' -r
complete -c reader -n "__fish_reader_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]' -r -F
complete -c reader -n "__fish_reader_needs_command" -l color -d 'When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reader -n "__fish_reader_needs_command" -l theme -d 'Colour theme [default: the config file\'s, else default]' -r -f -a "default\t''
high-contrast\t''"
complete -c reader -n "__fish_reader_needs_command" -l wrap -d 'Where body text may break: every legal place, or only between phrases [default: normal]' -r -f -a "normal\t''
phrase\t''"
complete -c reader -n "__fish_reader_needs_command" -l furigana -d 'Readings (furigana) of hard words: none, at each item\'s first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]' -r -f -a "off\t''
first\t''
all\t''"
complete -c reader -n "__fish_reader_needs_command" -l measure -d 'On screen, the longest line of text in full-width characters (10–100) [default: 40]' -r
complete -c reader -n "__fish_reader_needs_command" -l articles -d 'Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]' -r -F
complete -c reader -n "__fish_reader_needs_command" -l dwell-min -d 'Kiosk: shortest time a loop step shows, in seconds (1–86400)' -r
complete -c reader -n "__fish_reader_needs_command" -l dwell-max -d 'Kiosk: longest time a loop step shows, in seconds (1–86400)' -r
complete -c reader -n "__fish_reader_needs_command" -l idle-timeout -d 'Kiosk: seconds without input before the loop resumes (1–86400, default 90)' -r
complete -c reader -n "__fish_reader_needs_command" -l at -d 'Clinic time to use instead of now (YYYY-MM-DDTHH:MM, Asia/Tokyo)' -r
complete -c reader -n "__fish_reader_needs_command" -l month -d 'Month to show (YYYY-MM; default: the month of --at or now)' -r
complete -c reader -n "__fish_reader_needs_command" -l list -d 'List the articles: one `slug<TAB>category<TAB>date<TAB>title` line each (the date updated, else published)'
complete -c reader -n "__fish_reader_needs_command" -l print -d 'Print instead of opening the reader, even on a terminal'
complete -c reader -n "__fish_reader_needs_command" -l plain -d 'Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)'
complete -c reader -n "__fish_reader_needs_command" -l ambiguous-wide -d 'Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns'
complete -c reader -n "__fish_reader_needs_command" -l clinic -d 'Print the clinic\'s hours, status and calendar'
complete -c reader -n "__fish_reader_needs_command" -l kiosk -d 'Run as the reception display: full screen, an attract loop, no quit key'
complete -c reader -n "__fish_reader_needs_command" -s h -l help -d 'Print help'
complete -c reader -n "__fish_reader_needs_command" -s V -l version -d 'Print version'
complete -c reader -n "__fish_reader_needs_command" -f -a "check" -d 'Validate content files and report every problem (default: the bundled ones)'
complete -c reader -n "__fish_reader_needs_command" -f -a "config" -d 'Print the settings in force and where each came from (default, config file and line, environment variable, or flag)'
complete -c reader -n "__fish_reader_needs_command" -f -a "completions" -d 'Print a shell completion script: `reader completions bash > …`'
complete -c reader -n "__fish_reader_needs_command" -f -a "man" -d 'Print the manual page (roff): `reader man > reader.1`'
complete -c reader -n "__fish_reader_needs_command" -f -a "new" -d 'Write a new article skeleton, SLUG.md, into --articles DIR or the current directory (never over an existing file)'
complete -c reader -n "__fish_reader_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c reader -n "__fish_reader_using_subcommand check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand check" -l color -d 'When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reader -n "__fish_reader_using_subcommand check" -l theme -d 'Colour theme [default: the config file\'s, else default]' -r -f -a "default\t''
high-contrast\t''"
complete -c reader -n "__fish_reader_using_subcommand check" -l wrap -d 'Where body text may break: every legal place, or only between phrases [default: normal]' -r -f -a "normal\t''
phrase\t''"
complete -c reader -n "__fish_reader_using_subcommand check" -l furigana -d 'Readings (furigana) of hard words: none, at each item\'s first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]' -r -f -a "off\t''
first\t''
all\t''"
complete -c reader -n "__fish_reader_using_subcommand check" -l measure -d 'On screen, the longest line of text in full-width characters (10–100) [default: 40]' -r
complete -c reader -n "__fish_reader_using_subcommand check" -l articles -d 'Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand check" -l plain -d 'Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)'
complete -c reader -n "__fish_reader_using_subcommand check" -l ambiguous-wide -d 'Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns'
complete -c reader -n "__fish_reader_using_subcommand check" -s h -l help -d 'Print help'
complete -c reader -n "__fish_reader_using_subcommand config" -l format -d 'Aligned text, or JSON with each setting\'s value and source' -r -f -a "text\t''
json\t''"
complete -c reader -n "__fish_reader_using_subcommand config" -l config -d 'Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand config" -l color -d 'When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reader -n "__fish_reader_using_subcommand config" -l theme -d 'Colour theme [default: the config file\'s, else default]' -r -f -a "default\t''
high-contrast\t''"
complete -c reader -n "__fish_reader_using_subcommand config" -l wrap -d 'Where body text may break: every legal place, or only between phrases [default: normal]' -r -f -a "normal\t''
phrase\t''"
complete -c reader -n "__fish_reader_using_subcommand config" -l furigana -d 'Readings (furigana) of hard words: none, at each item\'s first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]' -r -f -a "off\t''
first\t''
all\t''"
complete -c reader -n "__fish_reader_using_subcommand config" -l measure -d 'On screen, the longest line of text in full-width characters (10–100) [default: 40]' -r
complete -c reader -n "__fish_reader_using_subcommand config" -l articles -d 'Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand config" -l plain -d 'Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)'
complete -c reader -n "__fish_reader_using_subcommand config" -l ambiguous-wide -d 'Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns'
complete -c reader -n "__fish_reader_using_subcommand config" -s h -l help -d 'Print help'
complete -c reader -n "__fish_reader_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand completions" -l color -d 'When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reader -n "__fish_reader_using_subcommand completions" -l theme -d 'Colour theme [default: the config file\'s, else default]' -r -f -a "default\t''
high-contrast\t''"
complete -c reader -n "__fish_reader_using_subcommand completions" -l wrap -d 'Where body text may break: every legal place, or only between phrases [default: normal]' -r -f -a "normal\t''
phrase\t''"
complete -c reader -n "__fish_reader_using_subcommand completions" -l furigana -d 'Readings (furigana) of hard words: none, at each item\'s first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]' -r -f -a "off\t''
first\t''
all\t''"
complete -c reader -n "__fish_reader_using_subcommand completions" -l measure -d 'On screen, the longest line of text in full-width characters (10–100) [default: 40]' -r
complete -c reader -n "__fish_reader_using_subcommand completions" -l articles -d 'Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand completions" -l plain -d 'Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)'
complete -c reader -n "__fish_reader_using_subcommand completions" -l ambiguous-wide -d 'Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns'
complete -c reader -n "__fish_reader_using_subcommand completions" -s h -l help -d 'Print help'
complete -c reader -n "__fish_reader_using_subcommand man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand man" -l color -d 'When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reader -n "__fish_reader_using_subcommand man" -l theme -d 'Colour theme [default: the config file\'s, else default]' -r -f -a "default\t''
high-contrast\t''"
complete -c reader -n "__fish_reader_using_subcommand man" -l wrap -d 'Where body text may break: every legal place, or only between phrases [default: normal]' -r -f -a "normal\t''
phrase\t''"
complete -c reader -n "__fish_reader_using_subcommand man" -l furigana -d 'Readings (furigana) of hard words: none, at each item\'s first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]' -r -f -a "off\t''
first\t''
all\t''"
complete -c reader -n "__fish_reader_using_subcommand man" -l measure -d 'On screen, the longest line of text in full-width characters (10–100) [default: 40]' -r
complete -c reader -n "__fish_reader_using_subcommand man" -l articles -d 'Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand man" -l plain -d 'Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)'
complete -c reader -n "__fish_reader_using_subcommand man" -l ambiguous-wide -d 'Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns'
complete -c reader -n "__fish_reader_using_subcommand man" -s h -l help -d 'Print help'
complete -c reader -n "__fish_reader_using_subcommand new" -l config -d 'Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand new" -l color -d 'When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c reader -n "__fish_reader_using_subcommand new" -l theme -d 'Colour theme [default: the config file\'s, else default]' -r -f -a "default\t''
high-contrast\t''"
complete -c reader -n "__fish_reader_using_subcommand new" -l wrap -d 'Where body text may break: every legal place, or only between phrases [default: normal]' -r -f -a "normal\t''
phrase\t''"
complete -c reader -n "__fish_reader_using_subcommand new" -l furigana -d 'Readings (furigana) of hard words: none, at each item\'s first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]' -r -f -a "off\t''
first\t''
all\t''"
complete -c reader -n "__fish_reader_using_subcommand new" -l measure -d 'On screen, the longest line of text in full-width characters (10–100) [default: 40]' -r
complete -c reader -n "__fish_reader_using_subcommand new" -l articles -d 'Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]' -r -F
complete -c reader -n "__fish_reader_using_subcommand new" -l plain -d 'Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)'
complete -c reader -n "__fish_reader_using_subcommand new" -l ambiguous-wide -d 'Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns'
complete -c reader -n "__fish_reader_using_subcommand new" -s h -l help -d 'Print help'
complete -c reader -n "__fish_reader_using_subcommand help; and not __fish_seen_subcommand_from check config completions man new help" -f -a "check" -d 'Validate content files and report every problem (default: the bundled ones)'
complete -c reader -n "__fish_reader_using_subcommand help; and not __fish_seen_subcommand_from check config completions man new help" -f -a "config" -d 'Print the settings in force and where each came from (default, config file and line, environment variable, or flag)'
complete -c reader -n "__fish_reader_using_subcommand help; and not __fish_seen_subcommand_from check config completions man new help" -f -a "completions" -d 'Print a shell completion script: `reader completions bash > …`'
complete -c reader -n "__fish_reader_using_subcommand help; and not __fish_seen_subcommand_from check config completions man new help" -f -a "man" -d 'Print the manual page (roff): `reader man > reader.1`'
complete -c reader -n "__fish_reader_using_subcommand help; and not __fish_seen_subcommand_from check config completions man new help" -f -a "new" -d 'Write a new article skeleton, SLUG.md, into --articles DIR or the current directory (never over an existing file)'
complete -c reader -n "__fish_reader_using_subcommand help; and not __fish_seen_subcommand_from check config completions man new help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
