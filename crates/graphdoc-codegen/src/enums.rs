//! String enums and flags sets. An enum keeps a value it does not list in `Other`, so a member
//! the service adds later (Graph enums grow after `unknownFutureValue`) still reads and writes
//! back unchanged. A flags enum (`x-graph-flags: true`, the value a comma-separated member list)
//! is a set of such members.

use crate::emit::tokens;
use crate::names::{NameTable, ident_text, upper_camel};
use crate::text::Variant;
use proc_macro2::TokenStream;
use quote::quote;

/// The variants for `members`, in order: upper camel case, unique, never `Other` or `Self`.
pub(crate) fn variants(members: &[String]) -> Vec<Variant<'_>> {
    let mut names = NameTable::camel();
    names.reserve("Other");
    names.reserve("Self");
    members
        .iter()
        .map(|member| Variant { ident: ident_text(&names.claim(&upper_camel(member, "Empty"))), json: member })
        .collect()
}

/// A string enum with a catch-all, serialized by hand so that unknown values survive (the token
/// form of [`crate::text::enumeration`], formatted when that gives up).
pub(crate) fn enumeration(variants: &[Variant<'_>], name: &TokenStream, docs: &TokenStream) -> TokenStream {
    let variants: Vec<(TokenStream, &str)> = variants.iter().map(|v| (tokens(&v.ident), v.json)).collect();
    let declarations = variants.iter().map(|(variant, json)| {
        let doc = crate::text::variant_doc(json);
        quote! { #[doc = #doc] #variant, }
    });
    let to_str = variants.iter().map(|(variant, json)| quote! { Self::#variant => #json, });
    let from_str = if variants.is_empty() {
        quote! { Self::Other(value.to_owned()) }
    } else {
        let arms = variants.iter().map(|(variant, json)| quote! { #json => Self::#variant, });
        quote! { match value { #(#arms)* other => Self::Other(other.to_owned()), } }
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#declarations)*
            /// A value this schema does not list, kept as sent.
            Other(String),
        }

        impl #name {
            /// The JSON string for this value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Other(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// A flags enum: the member enum `member` (with its catch-all) and the set `name`, a list of
/// members in the order sent, written back comma-separated.
pub(crate) fn flags(
    variants: &[Variant<'_>],
    name: &TokenStream,
    member: &TokenStream,
    docs: &TokenStream,
    runtime: &TokenStream,
) -> TokenStream {
    let member_doc = format!(" One member of [`{name}`].");
    let member_enum = enumeration(variants, member, &quote!(#[doc = #member_doc]));
    quote! {
        #docs
        ///
        /// A set of members, sent as a comma-separated string (`"a,b"`); members this schema does
        /// not list are kept as sent.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        pub struct #name(pub Vec<#member>);

        impl #name {
            pub fn contains(&self, member: &#member) -> bool {
                self.0.contains(member)
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self(#runtime flag_members(value).map(#member::from).collect())
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                for (i, member) in self.0.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    f.write_str(member.as_str())?;
                }
                Ok(())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }

        #member_enum
    }
}
