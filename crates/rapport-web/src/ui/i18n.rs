//! The desk's three languages: Fluent catalogues compiled in (`locales/*.ftl`), the
//! choice of language (the person's setting, else Accept-Language by weight), and dates
//! and times in the locale's form and the person's own time zone.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ja, Lang::ZhCn, Lang::En];

    /// The tag for `<html lang>` and the settings form.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, for the language menu.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
            Lang::ZhCn => "简体中文",
        }
    }

    /// The desk language a BCP 47 tag asks for: `ja-JP` is Japanese; `zh-Hans`, `zh-CN`
    /// and every other Chinese tag are simplified Chinese; `en-*` English.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best language an Accept-Language header asks for, by weight (ties keep the
    /// header's order); English when it asks for none the desk speaks.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut wanted: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(order, entry)| {
                let mut parts = entry.split(';');
                let tag = parts.next()?.trim();
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0 && !tag.is_empty()).then_some((weight, order, tag))
            })
            .collect();
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted
            .iter()
            .find_map(|(_, _, tag)| Lang::of_tag(tag))
            .unwrap_or(Lang::En)
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../locales/en.ftl"),
            Lang::Ja => include_str!("../../locales/ja.ftl"),
            Lang::ZhCn => include_str!("../../locales/zh-CN.ftl"),
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Ja => 1,
            Lang::ZhCn => 2,
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| [Lang::En, Lang::Ja, Lang::ZhCn].map(build))
}

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Bidi isolation marks would show up inside every inserted name and number.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(_, errors)| {
            panic!("{} catalogue does not parse: {errors:?}", lang.tag())
        });
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("{} catalogue repeats a message: {errors:?}", lang.tag()));
    bundle
}

/// Translates `key` in `lang` with `args`; a missing message shows its key (and is
/// caught by the catalogue test).
pub fn translate(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = &bundles()[lang.index()];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(
            key,
            lang = lang.tag(),
            "a message is missing from the catalogue"
        );
        return key.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// What a page needs to speak: the language, the reader's time zone, and the year it
/// is there (dates in another year show theirs).
#[derive(Debug, Clone)]
pub struct Tr {
    pub lang: Lang,
    pub zone: TimeZone,
    this_year: i16,
}

impl Tr {
    pub fn new(lang: Lang, zone: TimeZone, now: Timestamp) -> Self {
        let this_year = now.to_zoned_datetime(zone.clone()).year();
        Self {
            lang,
            zone,
            this_year,
        }
    }

    pub fn t(&self, key: &str) -> String {
        translate(self.lang, key, None)
    }

    /// The message `prefix` + `key`: a state, a kind, a rule named by its stable text.
    pub fn tk(&self, prefix: &str, key: &str) -> String {
        translate(self.lang, &format!("{prefix}{key}"), None)
    }

    /// `tk` for a label the decoder may grow (a requester's role, a purpose): the raw
    /// label when the catalogue has no words for it yet.
    pub fn label(&self, prefix: &str, key: &str) -> String {
        let id = format!("{prefix}{key}");
        if bundles()[self.lang.index()].has_message(&id) {
            translate(self.lang, &id, None)
        } else {
            key.replace('_', " ")
        }
    }

    /// A reason of the domain's (`rapport_domain::Reason`) in the reader's words: the
    /// message `reason-<code>` with the figures as `$a`, `$b`; `english` when the
    /// catalogue has no words for the code (or a stored reading has none).
    pub fn reason(&self, code: &str, figures: &[String], english: &str) -> String {
        let id = format!("reason-{code}");
        if code.is_empty() || !bundles()[self.lang.index()].has_message(&id) {
            return english.to_owned();
        }
        let mut args = FluentArgs::new();
        for (name, figure) in ["a", "b", "c"].into_iter().zip(figures) {
            args.set(name, FluentValue::from(figure.clone()));
        }
        translate(self.lang, &id, Some(&args))
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.to_string()));
        translate(self.lang, key, Some(&args))
    }

    /// A message with a count (plural forms come from the catalogue).
    pub fn count(&self, key: &str, count: impl std::borrow::Borrow<usize>) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(*count.borrow()));
        translate(self.lang, key, Some(&args))
    }

    pub fn lang_tag(&self) -> &'static str {
        self.lang.tag()
    }

    /// A moment in the reader's zone: `12月7日(月) 14:30`, `12月7日 周一 14:30`,
    /// `Mon 7 Dec 14:30`; the year is added when it is not this year.
    pub fn when(&self, at: &Timestamp) -> String {
        let local = at.to_zoned_datetime(self.zone.clone());
        let weekday = local.weekday().to_monday_zero_offset() as usize;
        let (month, day, year) = (local.month(), local.day(), local.year());
        let time = format!("{:02}:{:02}", local.hour(), local.minute());
        let show_year = year != self.this_year;
        match self.lang {
            Lang::Ja => {
                let wd = ["月", "火", "水", "木", "金", "土", "日"][weekday];
                let y = if show_year {
                    format!("{year}年")
                } else {
                    String::new()
                };
                format!("{y}{month}月{day}日({wd}) {time}")
            }
            Lang::ZhCn => {
                let wd = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][weekday];
                let y = if show_year {
                    format!("{year}年")
                } else {
                    String::new()
                };
                format!("{y}{month}月{day}日 {wd} {time}")
            }
            Lang::En => {
                let wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday];
                let mon = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ][month as usize - 1];
                let y = if show_year {
                    format!(" {year}")
                } else {
                    String::new()
                };
                format!("{wd} {day} {mon}{y} {time}")
            }
        }
    }

    /// `when` for an optional moment; a dash for none.
    pub fn when_opt(&self, at: &Option<Timestamp>) -> String {
        at.as_ref()
            .map_or_else(|| "—".to_owned(), |at| self.when(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: Lang) -> BTreeSet<String> {
        lang.source()
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '.', '*', '[']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap_or_default().trim().to_owned())
            .collect()
    }

    #[test]
    fn every_catalogue_has_every_message() {
        let en = keys(Lang::En);
        assert!(en.len() > 50, "the English catalogue looks empty");
        for lang in [Lang::Ja, Lang::ZhCn] {
            let other = keys(lang);
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            assert!(extra.is_empty(), "{} has unknown {extra:?}", lang.tag());
            for key in &en {
                assert_ne!(translate(lang, key, None), *key, "{key} in {}", lang.tag());
            }
        }
    }

    #[test]
    fn every_message_the_templates_use_exists() {
        let en = keys(Lang::En);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut used = 0;
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["tr.t(\"", "tr.t1(\"", "tr.count(\""] {
                for piece in text.split(call).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    used += 1;
                    assert!(
                        en.contains(key),
                        "{} uses unknown message {key}",
                        path.display()
                    );
                }
            }
        }
        assert!(used > 50, "the templates use only {used} messages");
    }

    #[test]
    fn every_reason_the_domain_gives_is_worded_in_every_language() {
        for lang in Lang::ALL {
            let tr = Tr::new(lang, TimeZone::UTC, Timestamp::UNIX_EPOCH);
            for code in rapport_domain::REASON_CODES {
                let figures = ["7".to_owned(), "2.5".to_owned()];
                let text = tr.reason(code, &figures, "FALLBACK");
                assert_ne!(text, "FALLBACK", "{code} in {}", lang.tag());
                assert!(text.contains('7'), "{code} in {}: {text}", lang.tag());
            }
        }
    }

    #[test]
    fn accept_language_is_negotiated_by_weight() {
        assert_eq!(Lang::negotiate("ja-JP,ja;q=0.9,en;q=0.8"), Lang::Ja);
        assert_eq!(Lang::negotiate("zh-Hans"), Lang::ZhCn);
        assert_eq!(Lang::negotiate("zh-CN,zh;q=0.9"), Lang::ZhCn);
        assert_eq!(Lang::negotiate("en;q=0.5, ja;q=0.8"), Lang::Ja);
        assert_eq!(Lang::negotiate("fr-FR, de;q=0.9, zh;q=0.3"), Lang::ZhCn);
        assert_eq!(Lang::negotiate("fr, ja;q=0"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }

    #[test]
    fn times_read_in_the_locale_and_the_readers_zone() {
        let at: Timestamp = "2031-12-07T05:30:00Z".parse().unwrap();
        let now: Timestamp = "2026-12-07T00:00:00Z".parse().unwrap();
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let shanghai = TimeZone::get("Asia/Shanghai").unwrap();
        assert_eq!(
            Tr::new(Lang::Ja, tokyo, now).when(&at),
            "2031年12月7日(日) 14:30"
        );
        assert_eq!(
            Tr::new(Lang::ZhCn, shanghai, now).when(&at),
            "2031年12月7日 周日 13:30"
        );
        assert_eq!(
            Tr::new(Lang::En, TimeZone::UTC, now).when(&at),
            "Sun 7 Dec 2031 05:30"
        );
        let tr = Tr::new(Lang::En, TimeZone::UTC, now);
        assert_eq!(tr.count("inbox-count", 1), "1 request");
        assert_eq!(tr.count("inbox-count", 3), "3 requests");
        assert!(!tr.t1("today-greeting", "name", "Aiko").contains('\u{2068}'));
    }
}
