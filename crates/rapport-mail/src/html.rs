//! HTML-only mail made readable: text with its paragraphs, entities decoded, and nothing
//! of `<style>`, `<script>`, `<head>` or comments.

/// Elements whose content is never text for a reader.
const HIDDEN: [&str; 4] = ["style", "script", "head", "title"];
/// Elements that start a paragraph (a blank line before and after).
const PARAGRAPHS: [&str; 13] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "ul",
    "ol",
    "pre",
    "hr",
];
/// Elements that start a line (a `<br>` ends one).
const LINES: [&str; 5] = ["div", "tr", "li", "dt", "dd"];

/// The text a reader sees in `html`, with LF line ends and at most one blank line in a row.
pub fn html_to_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if lower[i..].starts_with("<!--") => {
                i = lower[i..]
                    .find("-->")
                    .map_or(bytes.len(), |end| i + end + 3);
            }
            b'<' => {
                let Some(end) = html[i..].find('>').map(|e| i + e) else {
                    break;
                };
                let tag = &lower[i + 1..end];
                let closing = tag.starts_with('/');
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                i = end + 1;
                if !closing && !tag.ends_with('/') && HIDDEN.contains(&name.as_str()) {
                    let close = format!("</{name}");
                    i = lower[i..]
                        .find(&close)
                        .and_then(|at| lower[i + at..].find('>').map(|gt| i + at + gt + 1))
                        .unwrap_or(bytes.len());
                } else if PARAGRAPHS.contains(&name.as_str()) {
                    line_break(&mut out, 2);
                } else if name == "br" {
                    // Each <br> ends a line, so <div><br></div> is the blank line it shows.
                    let kept = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(kept);
                    if !out.is_empty() {
                        out.push('\n');
                    }
                } else if LINES.contains(&name.as_str()) {
                    if !closing {
                        line_break(&mut out, 1);
                    }
                    if name == "li" && !closing {
                        out.push_str("- ");
                    }
                } else if matches!(name.as_str(), "td" | "th") && !closing {
                    // Cells of a row stay on one line, a tab apart.
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\t');
                    }
                    space = false;
                }
                if !matches!(name.as_str(), "td" | "th") {
                    space = space && !out.ends_with('\n');
                }
            }
            b'&' => {
                let entity_end = html[i..]
                    .char_indices()
                    .take(12)
                    .find(|&(_, c)| c == ';')
                    .map(|(at, _)| i + at);
                match entity_end {
                    Some(end) if end > i + 1 => {
                        push_word(&mut out, &mut space, "");
                        let mut decoded = String::new();
                        mail_parser::decoders::html::add_html_token(
                            &mut decoded,
                            &bytes[i..=end],
                            false,
                        );
                        // A no-break space stays one until the end: a line of only
                        // `&nbsp;` is a blank line the sender meant.
                        out.push_str(&decoded);
                        i = end + 1;
                    }
                    _ => {
                        push_word(&mut out, &mut space, "&");
                        i += 1;
                    }
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' => {
                space = true;
                i += 1;
            }
            _ => {
                let next = html[i..]
                    .find(['<', '&', ' ', '\t', '\r', '\n', '\x0c'])
                    .map_or(bytes.len(), |n| i + n);
                push_word(&mut out, &mut space, &html[i..next]);
                i = next;
            }
        }
    }
    tidy(&out)
}

fn push_word(out: &mut String, space: &mut bool, word: &str) {
    if *space && !out.is_empty() && !out.ends_with(['\n', ' ', '\t']) {
        out.push(' ');
    }
    *space = false;
    out.push_str(word);
}

/// Ends the current line, leaving `newlines` line ends (2: a blank line) before what follows.
fn line_break(out: &mut String, newlines: usize) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
    if out.is_empty() {
        return;
    }
    let have = out.len() - out.trim_end_matches('\n').len();
    for _ in have..newlines {
        out.push('\n');
    }
}

/// Trailing spaces off every line, no more than one blank line in a row, no blank edges.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.replace('\u{a0}', " ");
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line.trim_start_matches(' '));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn paragraphs_lines_and_entities() {
        let html = "<html><head><title>t</title><style>p { color: red; }</style></head><body>\
                    <p>山田様</p><p>いつもお世話に&nbsp;なっております。<br>見積書を&amp;送付します&#12290;</p>\
                    <!-- hidden --><div>Tom &lt;tom@example.com&gt;</div>\
                    <table><tr><td>合計</td><td>&yen;120,000</td></tr></table></body></html>";
        assert_eq!(
            html_to_text(html),
            "山田様\n\nいつもお世話に なっております。\n見積書を&送付します。\n\nTom <tom@example.com>\n\n合計\t¥120,000"
        );
    }

    #[test]
    fn broken_html_keeps_its_text() {
        assert_eq!(html_to_text("a & b <p>unclosed <b"), "a & b\n\nunclosed");
        assert_eq!(html_to_text("<script>alert(1)"), "");
        assert_eq!(html_to_text("x &#xZZ; y"), "x &#xZZ; y");
    }
}
