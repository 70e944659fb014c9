//! The Markdown renderer against a corpus of hostile input. The output is
//! parsed back into tags and attributes, and each must be on the allow list:
//! text that merely *looks* like an attack (escaped, shown as text) is fine;
//! markup that could run, load or style anything is not.

use praxis_core::markdown::render_html;

const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
    "sup",
    "div",
    "span",
];
const ALLOWED_ATTRIBUTES: &[&str] = &["href", "rel", "title", "type", "checked", "disabled", "start", "lang"];

/// Every start tag of `html` with its attributes (name, value).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let mut attributes = Vec::new();
        let mut i = name.len();
        let chars: Vec<char> = rest.chars().collect();
        while i < chars.len() && chars[i] != '>' {
            if chars[i].is_whitespace() || chars[i] == '/' {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && !matches!(chars[i], '=' | ' ' | '>' | '/') {
                i += 1;
            }
            let attr: String = chars[start..i].iter().collect();
            let mut value = String::new();
            if i < chars.len() && chars[i] == '=' {
                i += 1;
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            attributes.push((attr.to_ascii_lowercase(), value));
        }
        found.push((name.to_ascii_lowercase(), attributes));
    }
    found
}

fn assert_safe(input: &str) {
    let html = render_html(input);
    for (tag, attributes) in tags(&html) {
        assert!(ALLOWED_TAGS.contains(&tag.as_str()), "tag <{tag}> from {input:?} survived: {html}");
        for (name, value) in attributes {
            assert!(ALLOWED_ATTRIBUTES.contains(&name.as_str()), "attribute {name} from {input:?} survived: {html}");
            if name == "href" {
                assert!(
                    value.starts_with("https:") || value.starts_with("mailto:"),
                    "link {value:?} from {input:?} survived: {html}"
                );
            }
            if tag == "input" && name == "type" {
                assert_eq!(value, "checkbox", "only task-list checkboxes are inputs");
            }
        }
    }
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<object data=\"x\"></object><embed src=\"x\">",
    "<style>body { display: none }</style>",
    "<div style=\"background:url(https://evil.example/t.png)\">x</div>",
    "<p onclick=\"alert(1)\">x</p>",
    "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<details open ontoggle=alert(1)>",
    "<form action=https://evil.example><input type=submit></form>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<scr<script>ipt>alert(1)</script>",
    "<!-- hidden --><script>alert(1)</script>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](javascript&#58;alert(1))",
    "[a](&#x6A;avascript:alert(1))",
    "[a](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[a](<javascript:alert(1)>)",
    "[a]( javascript:alert(1) )",
    "<javascript:alert(1)>",
    "[a][r]\n\n[r]: javascript:alert(1)",
    "[a](vbscript:msgbox(1))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a](file:///etc/passwd)",
    "[a](http://plain-http.example)",
    "[a](//evil.example/x)",
    "[a](/etc/passwd)",
    "[a](../secrets)",
    "[a](#top)",
    "![track](https://evil.example/pixel.png)",
    "![x](data:image/png;base64,AAAA)",
    "[![x](https://evil.example/p.png)](https://ok.example)",
    "[x](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
    "- [x] <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "Text[^1]\n\n[^1]: <script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<a href=\"https&#58;//ok.example\" style=\"color:red\">x</a>",
    "```html\n<script>alert(1)</script>\n```",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<xmp><script>alert(1)</script></xmp>",
    "<table><tr><td background=\"https://evil.example/x\">x</td></tr></table>",
];

#[test]
fn no_hostile_input_produces_markup_that_can_run_load_or_style_anything() {
    for input in HOSTILE {
        assert_safe(input);
    }
}

#[test]
fn raw_html_is_shown_as_text_not_dropped_silently() {
    let html = render_html("before <b>bold</b> after");
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "the writer sees what they typed: {html}");
    assert!(!html.contains("<b>"));
}

#[test]
fn https_and_mailto_links_survive_with_a_safe_rel() {
    let html = render_html("[site](https://example.org/a?b=c) and <mailto:coach@example.org>");
    assert!(html.contains("href=\"https://example.org/a?b=c\""), "{html}");
    assert!(html.contains("href=\"mailto:coach@example.org\""), "{html}");
    assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
}

#[test]
fn links_to_anything_else_keep_their_text_but_lose_their_target() {
    for input in ["[keep me](javascript:alert(1))", "[keep me](/relative)", "[keep me](http://insecure.example)"] {
        let html = render_html(input);
        assert!(html.contains("keep me"), "{html}");
        assert!(!html.contains("href"), "{input} kept a link: {html}");
    }
}

#[test]
fn images_become_their_alt_text() {
    let html = render_html("![a chart of the week](https://example.org/chart.png)");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("[a chart of the week]"), "{html}");
}

#[test]
fn tables_task_lists_strikethrough_and_footnotes_render() {
    let html = render_html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~\n\nNote[^n]\n\n[^n]: The note.",
    );
    assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
    assert!(html.contains("type=\"checkbox\""), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("The note."), "{html}");
    assert_safe(&html);
}

#[test]
fn the_corpus_checker_itself_catches_unsafe_markup() {
    let found = tags("<p><img src=\"x\" onerror=\"alert(1)\"><a href=\"javascript:x\" title=\"a > b\">y</a></p>");
    let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, vec!["p", "img", "a"], "the scanner must see every start tag");
    assert_eq!(found[1].1[1], ("onerror".to_string(), "alert(1)".to_string()));
    assert_eq!(found[2].1[1].1, "a > b", "a quoted > does not end the tag");
    assert!(std::panic::catch_unwind(|| assert_safe_html("<img src=\"x\">")).is_err(), "an <img> must fail the check");
}

/// `assert_safe` for HTML that did not come from the renderer.
fn assert_safe_html(html: &str) {
    for (tag, _) in tags(html) {
        assert!(ALLOWED_TAGS.contains(&tag.as_str()), "tag <{tag}> in {html}");
    }
}
