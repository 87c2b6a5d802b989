//! The text of a `…Kind` enum and its impls (see `crate::kinds`, their token form). Its match
//! arms and calls are where prettyplease breaks lines most: an arm body that does not fit goes
//! into a block, a method chain breaks before `.map`, and call arguments go one per line. Those
//! layouts are written here; anything rarer (a broken signature or generic type) is left to it.

use super::{Lines, MARGIN, impl_header, lit, width};

/// One member of a `…Kind` family: the base type first.
pub(crate) struct KindVariant<'a> {
    /// `#[cfg(feature = "…")]` when the member's module is feature-gated apart from the base's.
    pub cfg: Option<String>,
    pub ident: String,
    /// The member type's path from the enum's module.
    pub path: String,
    /// Its qualified name.
    pub member: &'a str,
}

/// The enum `name` (documented by `doc`) and its `Deserialize`, `Serialize` and `From` impls;
/// `runtime` is the path to `serde_support` with its trailing `::`. `None` where prettyplease
/// would break a line in a way not written here.
pub(crate) fn kind(name: &str, doc: &str, runtime: &str, variants: &[KindVariant<'_>]) -> Option<String> {
    let (base, derived) = variants.split_first()?;
    let mut out = Lines::new();
    out.docs(0, &[doc.to_owned()]);
    out.code(0, &["#[derive(Debug, Clone, PartialEq)]"]);
    out.code(0, &["pub enum ", name, " {"]);
    for variant in variants {
        out.docs(4, &[variant_doc(variant.member)]);
        cfg_line(&mut out, 4, variant);
        let link = [runtime, "Link<", &variant.path, ">"];
        if 4 + width(&[&variant.ident, "("]) + width(&link) + "),".len() <= MARGIN {
            out.code(4, &[&variant.ident, "(", runtime, "Link<", &variant.path, ">),"]);
        } else {
            out.code(4, &[&variant.ident, "("]);
            // The comma is added by a broken list, after measuring; a longer type breaks
            // inside `<…>` (a path has no place to break).
            if 8 + width(&link) <= MARGIN {
                out.unbreakable(8, &[runtime, "Link<", &variant.path, ">,"]);
            } else {
                out.code(8, &[runtime, "Link<"]);
                out.unbreakable(12, &[&variant.path, ","]);
                out.code(8, &[">,"]);
            }
            out.code(4, &["),"]);
        }
    }
    out.code(0, &["}"]);

    out.blank();
    impl_header(&mut out, &["impl<'de> serde::Deserialize<'de>"], name);
    out.code(4, &["fn deserialize<D: serde::Deserializer<'de>>("]);
    out.code(8, &["deserializer: D,"]);
    out.code(4, &[") -> Result<Self, D::Error> {"]);
    out.code(8, &["let value = <serde_json::Value as serde::Deserialize>::deserialize("]);
    out.code(12, &["deserializer,"]);
    out.code(8, &[")?;"]);
    out.code(8, &["match ", runtime, "odata_type(&value) {"]);
    for variant in derived {
        cfg_line(&mut out, 12, variant);
        read_arm(&mut out, Some(&lit(variant.member)), runtime, &variant.ident);
    }
    read_arm(&mut out, None, runtime, &base.ident);
    out.code(8, &["}"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);

    out.blank();
    impl_header(&mut out, &["impl serde::Serialize"], name);
    out.code(4, &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"]);
    out.code(8, &["match self {"]);
    let head = format!("Self::{}", base.ident);
    arm(&mut out, &head, "value", &["serde::Serialize::serialize(value, serializer)"], |out| {
        out.code(16, &["serde::Serialize::serialize(value, serializer)"]);
    });
    for variant in derived {
        cfg_line(&mut out, 12, variant);
        let head = format!("Self::{}", variant.ident);
        let odata_type = lit(&format!("#{}", variant.member));
        let args = ["value", "value.odata_type.is_some()", &odata_type, "serializer"];
        let call = [runtime, "derived(", &args.join(", "), ")"];
        arm(&mut out, &head, "value", &call, |out| {
            if 16 + width(&call) <= MARGIN {
                out.code(16, &call);
            } else {
                out.code(16, &[runtime, "derived("]);
                for arg in args {
                    // None has a place to break (the method chain is short).
                    out.unbreakable(20, &[arg, ","]);
                }
                out.code(16, &[")"]);
            }
        });
    }
    out.code(8, &["}"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);

    for variant in variants {
        out.blank();
        cfg_line(&mut out, 0, variant);
        impl_header(&mut out, &["impl From<", &variant.path, ">"], name);
        if 4 + width(&["fn from(value: ", &variant.path, ") -> Self {"]) <= MARGIN {
            out.code(4, &["fn from(value: ", &variant.path, ") -> Self {"]);
        } else {
            out.code(4, &["fn from("]);
            out.fits_unless(8 + width(&["value: ", &variant.path]) > MARGIN);
            out.unbreakable(8, &["value: ", &variant.path, ","]);
            out.code(4, &[") -> Self {"]);
        }
        let body = ["Self::", &variant.ident, "(", runtime, "Link::new(value))"];
        if 8 + width(&body) <= MARGIN {
            out.code(8, &body);
        } else {
            out.code(8, &["Self::", &variant.ident, "("]);
            // As above: the comma is not measured.
            out.fits_unless(12 + width(&[runtime, "Link::new(value)"]) > MARGIN);
            out.unbreakable(12, &[runtime, "Link::new(value),"]);
            out.code(8, &[")"]);
        }
        out.code(4, &["}"]);
        out.code(0, &["}"]);
    }
    out.finish()
}

/// The doc value of a member's variant.
pub(crate) fn variant_doc(member: &str) -> String {
    format!(" `{}`.", crate::emit::doc_text(&member.replace('`', "'")))
}

/// A deserializing arm, `Some(odata_type)` or `_` (for `None`):
/// `pattern => runtime variant(value).map(Self::ident)`.
fn read_arm(out: &mut Lines, odata_type: Option<&str>, runtime: &str, ident: &str) {
    let body = [runtime, "variant(value).map(Self::", ident, ")"];
    let block = |out: &mut Lines| {
        if 16 + width(&body) <= MARGIN {
            out.code(16, &body);
        } else {
            // The chain breaks before `.map`, and then its argument too if need be.
            out.code(16, &[runtime, "variant(value)"]);
            if 20 + width(&[".map(Self::", ident, ")"]) <= MARGIN {
                out.code(20, &[".map(Self::", ident, ")"]);
            } else {
                out.code(20, &[".map("]);
                out.unbreakable(24, &["Self::", ident, ","]);
                out.code(20, &[")"]);
            }
        }
    };
    match odata_type {
        Some(odata_type) => arm(out, "Some", odata_type, &body, block),
        None if 12 + "_ => ".len() + width(&body) <= MARGIN => {
            out.unbreakable(12, &["_ => ", runtime, "variant(value).map(Self::", ident, "),"]);
        }
        None => {
            out.code(12, &["_ => {"]);
            block(out);
            out.code(12, &["}"]);
        }
    }
}

/// A match arm at indent 12 whose pattern is `head(arg)`: on one line when `pattern => body`
/// fits (the comma after it is not measured), else the body in a block written by `block` at
/// indent 16, the pattern's argument on a line of its own when `pattern => ` does not fit
/// either (the `{` after it is not measured).
fn arm(out: &mut Lines, head: &str, arg: &str, body: &[&str], block: impl FnOnce(&mut Lines)) {
    let pattern = [head, "(", arg, ")", " => "];
    if 12 + width(&pattern) + width(body) <= MARGIN {
        let mut line = pattern.to_vec();
        line.extend_from_slice(body);
        line.push(",");
        out.unbreakable(12, &line);
        return;
    }
    if 12 + width(&pattern) <= MARGIN {
        out.unbreakable(12, &[head, "(", arg, ") => {"]);
    } else {
        out.code(12, &[head, "("]);
        // A literal or a name has no place to break.
        out.unbreakable(16, &[arg, ","]);
        // A body that fits after `) => ` would stay on that line: not written here.
        out.fits_unless(12 + ") => ".len() + width(body) <= MARGIN);
        out.code(12, &[") => {"]);
    }
    block(out);
    out.code(12, &["}"]);
}

fn cfg_line(out: &mut Lines, indent: usize, variant: &KindVariant<'_>) {
    if let Some(cfg) = &variant.cfg {
        out.code(indent, &[cfg]);
    }
}
