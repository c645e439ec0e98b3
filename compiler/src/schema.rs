//! The component whitelist: the single source of truth for every part of
//! uihook.
//!
//! One `static` table of the 31 components of catalog §A with their
//! attributes, value kinds, statuses and child conventions. The validator,
//! the `uihook!` macro (which also uses the typed enums below), `uihook
//! explain` and `uihook gen` all read this table; nothing else in the project
//! lists component or attribute names.

use std::sync::OnceLock;

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

/// How sure we are that the host honoured a component, attribute or value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// In ZEIT's documentation.
    Documented,
    /// Undocumented, but used by ZEIT staff in the official gallery.
    Staff,
    /// Seen only in third-party hooks; accepted with a warning.
    Community,
    /// Documented once, then replaced; accepted with a warning naming the
    /// replacement.
    Legacy {
        /// What to write instead, e.g. `type="secondary"`.
        instead: &'static str,
        /// Whether the replacement is known to look the same (documented),
        /// rather than our reading of the design (`abort`, `highlight`).
        certain: bool,
    },
}

/// What an attribute's value must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any string.
    Text,
    /// A URL: `http(s)`, `mailto`, relative or `#fragment`.
    Url,
    /// A CSS value (a `Box` style property).
    Css,
    /// A boolean: bare, `"true"`/`"false"` or `{true}`/`{false}`.
    Flag,
    /// One of a fixed set of strings.
    Enum(&'static EnumSpec),
    /// Milliseconds: digits, as a string or a number literal.
    Millis,
    /// Milliseconds until the hook is called again, at least `min_ms`
    /// (shorter values warn: the docs set a minimum).
    Timeout {
        /// The documented minimum.
        min_ms: u64,
    },
    /// A string sent back as `payload.action`.
    Action,
    /// Text encoded with `encodeURIComponent`.
    UriEncoded,
    /// A length: `64`, `14px`, `100%`, `auto`, `40vh`.
    Length,
    /// A comma-separated list of input names (spaces allowed after commas).
    NameList,
    /// A string or an element (`label={<Box>…</Box>}`).
    Label,
}

impl Kind {
    /// A short name for messages and `explain`.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Url => "URL",
            Kind::Css => "CSS value",
            Kind::Flag => "boolean flag",
            Kind::Enum(_) => "one of a fixed set of values",
            Kind::Millis | Kind::Timeout { .. } => "milliseconds",
            Kind::Action => "action name",
            Kind::UriEncoded => "URI-encoded text",
            Kind::Length => "length",
            Kind::NameList => "comma-separated input names",
            Kind::Label => "text or an element",
        }
    }
}

/// The values of an enumerated attribute.
#[derive(Debug, PartialEq, Eq)]
pub struct EnumSpec {
    /// The name of the generated Rust enum, e.g. `NoticeType`.
    pub rust_name: &'static str,
    /// The documented values.
    pub values: &'static [&'static str],
    /// Values seen only in community hooks (accepted with a warning).
    pub community: &'static [&'static str],
}

/// One attribute of a component.
#[derive(Debug, PartialEq, Eq)]
pub struct Attr {
    /// The name, case-sensitive.
    pub name: &'static str,
    /// What its value must look like.
    pub kind: Kind,
    /// Whether the host honoured it.
    pub status: Status,
    /// Whether the component is useless without it.
    pub required: bool,
    /// One line for `explain` and hover text.
    pub summary: &'static str,
}

/// Which attributes a component takes beyond its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// Only the listed ones.
    None,
    /// Any CSS property in camelCase (`Box`).
    CssProperties,
    /// Any name; each becomes a clientState key (`ClientState`).
    AnyName,
}

/// What a component may contain, by convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Children {
    /// Nothing (always self-closing).
    None,
    /// Text only, no components.
    Text,
    /// Any components and text.
    Any,
    /// Only these components (and whitespace).
    Only(&'static [&'static str]),
}

/// One component of the whitelist.
#[derive(Debug, PartialEq, Eq)]
pub struct Component {
    /// The name, case-sensitive.
    pub name: &'static str,
    /// Whether the host honoured it.
    pub status: Status,
    /// One line for `explain`.
    pub summary: &'static str,
    /// Its attributes.
    pub attrs: &'static [Attr],
    /// Attributes beyond the list.
    pub extra: Extra,
    /// What it may contain.
    pub children: Children,
    /// The parents it is made for (empty: anywhere).
    pub parents: &'static [&'static str],
    /// At least one of these attributes must be given (empty: no such rule).
    pub one_of: &'static [&'static str],
    /// Phrasing content: it sits inside a line of text (a `P` or a label)
    /// instead of starting a block, as HTML's phrasing elements do; the
    /// preview keeps it inside the paragraph.
    pub phrasing: bool,
    /// A form field: its value is sent in `clientState` under its `name`.
    pub form_field: bool,
    /// The outermost component of every response.
    pub root: bool,
    /// The `payload.action` the hook gets when the component is used
    /// without `action` (`None`: it never calls the hook by itself).
    pub default_action: Option<&'static str>,
}

impl Component {
    /// The same component, marked as phrasing content.
    const fn phrasing(self) -> Component {
        Component {
            phrasing: true,
            ..self
        }
    }

    /// The same component, marked as a form field.
    const fn form_field(self) -> Component {
        Component {
            form_field: true,
            ..self
        }
    }

    /// The same component, calling the hook with [`DEFAULT_ACTION`] when it
    /// has no `action`.
    const fn default_action(self) -> Component {
        Component {
            default_action: Some(DEFAULT_ACTION),
            ..self
        }
    }

    /// The same component, marked as the root of a response.
    const fn root(self) -> Component {
        Component { root: true, ..self }
    }

    /// The attribute spec for `name`.
    pub fn attr(&self, name: &str) -> Option<&'static Attr> {
        self.attrs.iter().find(|a| same_name(a.name, name))
    }
}

macro_rules! enums {
    ($( $(#[$doc:meta])* $rust:ident / $spec:ident { $($variant:ident = $value:literal),* $(,)? } community [$($c:literal),*] )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum $rust {
                $(
                    #[doc = concat!("`", $value, "`")]
                    $variant,
                )*
            }

            impl $rust {
                /// Every value.
                pub const ALL: &'static [$rust] = &[$($rust::$variant),*];

                /// The value as written in markup.
                pub fn as_str(self) -> &'static str {
                    match self { $($rust::$variant => $value,)* }
                }
            }

            impl std::fmt::Display for $rust {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            #[doc = concat!("The values of [`", stringify!($rust), "`].")]
            pub static $spec: EnumSpec = EnumSpec {
                rust_name: stringify!($rust),
                values: &[$($value),*],
                community: &[$($c),*],
            };
        )*
    };
}

enums! {
    /// `Notice type`.
    NoticeType / NOTICE_TYPE { Error = "error", Warn = "warn", Message = "message", Success = "success" } community ["info"]
    /// `Button type` (documented from August 2019).
    ButtonType / BUTTON_TYPE { Secondary = "secondary", Success = "success", Error = "error", Warning = "warning", Ghost = "ghost" } community []
    /// `Link target`.
    LinkTarget / LINK_TARGET { Blank = "_blank", SelfFrame = "_self", Parent = "_parent", Top = "_top" } community []
}

const fn attr(name: &'static str, kind: Kind, status: Status, summary: &'static str) -> Attr {
    Attr {
        name,
        kind,
        status,
        required: false,
        summary,
    }
}

const fn required(name: &'static str, kind: Kind, summary: &'static str) -> Attr {
    Attr {
        name,
        kind,
        status: Status::Documented,
        required: true,
        summary,
    }
}

use Kind::*;
use Status::*;

const fn component(
    name: &'static str,
    status: Status,
    summary: &'static str,
    attrs: &'static [Attr],
    children: Children,
    parents: &'static [&'static str],
) -> Component {
    Component {
        name,
        status,
        summary,
        attrs,
        extra: Extra::None,
        children,
        parents,
        one_of: &[],
        phrasing: false,
        form_field: false,
        root: false,
        default_action: None,
    }
}

/// The `payload.action` of a hook call that names no action: the first
/// view, and a `Button` or `AutoRefresh` without `action`.
pub const DEFAULT_ACTION: &str = "view";

/// Every component, sorted by name.
pub static COMPONENTS: &[Component] = &[
    component(
        "AutoRefresh",
        Documented,
        "Calls the hook again after `timeout` milliseconds.",
        &[
            required(
                "timeout",
                Timeout { min_ms: 3000 },
                "Milliseconds before the refresh; documented minimum just over 3000.",
            ),
            attr(
                "action",
                Action,
                Documented,
                "The action sent on refresh (default `view`).",
            ),
        ],
        Children::None,
        &[],
    )
    .default_action(),
    component("B", Documented, "Bold text.", &[], Children::Any, &[]).phrasing(),
    component("BR", Documented, "A line break.", &[], Children::None, &[]).phrasing(),
    Component {
        name: "Box",
        status: Documented,
        summary: "A `div` styled by any camelCase CSS property given as an attribute.",
        attrs: &[],
        extra: Extra::CssProperties,
        children: Children::Any,
        parents: &[],
        one_of: &[],
        phrasing: false,
        form_field: false,
        root: false,
        default_action: None,
    },
    component(
        "Button",
        Documented,
        "A button that calls the hook with its `action`.",
        &[
            attr(
                "action",
                Action,
                Documented,
                "Sent as `payload.action` when clicked.",
            ),
            attr("small", Flag, Documented, "A smaller button."),
            attr("disabled", Flag, Documented, "Not clickable."),
            attr(
                "width",
                Length,
                Documented,
                "Width, in pixels per the docs.",
            ),
            attr(
                "type",
                Enum(&BUTTON_TYPE),
                Documented,
                "The visual variant.",
            ),
            attr(
                "shadow",
                Flag,
                Staff,
                "A raised look (undocumented, used by staff).",
            ),
            // Catalog §A Button: community guesses, one repository each,
            // with no evidence they did anything.
            attr("primary", Flag, Community, "A guess at a primary variant."),
            attr("themeColor", Text, Community, "A guess at a colour."),
            attr("style", Text, Community, "A guess at inline CSS."),
            attr("float", Text, Community, "A guess at CSS float."),
            attr("height", Length, Community, "A guess at a height."),
            attr("fontSize", Text, Community, "A guess at a font size."),
            attr("value", Text, Community, "A guess at a value sent along."),
            attr("display", Text, Community, "A guess at CSS display."),
            attr(
                "secondary",
                Flag,
                Legacy {
                    instead: "type=\"secondary\"",
                    certain: true,
                },
                "Old flag for the secondary variant.",
            ),
            attr(
                "warning",
                Flag,
                Legacy {
                    instead: "type=\"warning\"",
                    certain: true,
                },
                "Old flag for the warning variant.",
            ),
            attr(
                "abort",
                Flag,
                Legacy {
                    instead: "type=\"error\"",
                    certain: false,
                },
                "Old flag for a red button.",
            ),
            attr(
                "highlight",
                Flag,
                Legacy {
                    instead: "type=\"success\"",
                    certain: false,
                },
                "Old flag for the highlighted (blue) variant.",
            ),
        ],
        Children::Any,
        &[],
    )
    .phrasing()
    .default_action(),
    component(
        "ButtonLink",
        Staff,
        "A button that opens `href` (undocumented, used by staff).",
        &[required("href", Url, "The URL to open.")],
        Children::Any,
        &[],
    )
    .phrasing(),
    component(
        "Checkbox",
        Documented,
        "A checkbox; its `name` gets `true` in clientState when ticked.",
        &[
            attr("name", Text, Documented, "The clientState key."),
            attr("label", Text, Documented, "Text beside the box."),
            attr(
                "checked",
                Flag,
                Documented,
                "Ticked initially (`\"true\"` or `\"false\"`).",
            ),
            attr("disabled", Flag, Community, "Not editable."),
        ],
        Children::None,
        &[],
    )
    .phrasing()
    .form_field(),
    Component {
        name: "ClientState",
        status: Documented,
        summary: "Invisible state: every attribute becomes a clientState key on the next action.",
        attrs: &[],
        extra: Extra::AnyName,
        children: Children::None,
        parents: &[],
        one_of: &[],
        phrasing: true,
        form_field: false,
        root: false,
        default_action: None,
    },
    component(
        "Code",
        Documented,
        "Preformatted code; the text is the children or the URI-encoded `value`.",
        &[
            attr(
                "value",
                UriEncoded,
                Staff,
                "The code, encoded with `encodeURIComponent` (undocumented, used by staff).",
            ),
            attr("width", Length, Community, "Width."),
        ],
        Children::Text,
        &[],
    ),
    component(
        "Container",
        Documented,
        "A vertical group, used in the documentation's examples.",
        &[],
        Children::Any,
        &[],
    ),
    component(
        "Fieldset",
        Documented,
        "A card: `FsContent` and an optional `FsFooter`.",
        &[attr("display", Text, Community, "A guess at CSS display.")],
        Children::Only(&["FsContent", "FsFooter"]),
        &[],
    ),
    component(
        "FsContent",
        Documented,
        "The body of a `Fieldset`.",
        &[],
        Children::Any,
        &["Fieldset"],
    ),
    component(
        "FsFooter",
        Documented,
        "The footer of a `Fieldset`.",
        &[attr("display", Text, Community, "A guess at CSS display.")],
        Children::Any,
        &["Fieldset"],
    ),
    component(
        "FsSubtitle",
        Staff,
        "A subtitle inside `FsContent` (undocumented, used by staff).",
        &[],
        Children::Any,
        &["FsContent"],
    ),
    component(
        "FsTitle",
        Staff,
        "A title inside `FsContent` (undocumented, used by staff).",
        &[],
        Children::Any,
        &["FsContent"],
    ),
    component("H1", Documented, "A heading.", &[], Children::Any, &[]),
    component(
        "H2",
        Documented,
        "A smaller heading.",
        &[],
        Children::Any,
        &[],
    ),
    component(
        "HR",
        Documented,
        "A horizontal rule.",
        &[],
        Children::None,
        &[],
    ),
    component(
        "Img",
        Documented,
        "An image.",
        &[
            required("src", Url, "The image URL."),
            attr("width", Length, Documented, "Width in pixels."),
            attr("height", Length, Documented, "Height in pixels."),
            attr("title", Text, Documented, "Tooltip."),
            attr(
                "draggable",
                Flag,
                Staff,
                "Whether the image can be dragged (used by staff).",
            ),
        ],
        Children::None,
        &[],
    )
    .phrasing(),
    component(
        "Input",
        Documented,
        "A text field; its `name` becomes a clientState key.",
        &[
            attr("name", Text, Documented, "The clientState key."),
            attr("value", Text, Documented, "The initial value."),
            attr(
                "label",
                Label,
                Documented,
                "Caption; staff also passed an element.",
            ),
            attr(
                "type",
                Text,
                Documented,
                "The input type (`password`, `hidden`, `number`, …).",
            ),
            attr("disabled", Flag, Documented, "Not editable."),
            attr("errored", Flag, Documented, "Shown in the error state."),
            attr("width", Length, Staff, "Width."),
            attr("maxWidth", Length, Staff, "Maximum width."),
            attr("placeholder", Text, Staff, "Placeholder text."),
            attr(
                "maxLength",
                Millis,
                Community,
                "Maximum number of characters.",
            ),
            attr("hidden", Flag, Community, "Hidden field."),
            attr("autoFocus", Flag, Community, "Focused on load."),
        ],
        Children::None,
        &[],
    )
    .phrasing()
    .form_field(),
    component(
        "LI",
        Documented,
        "A list item inside `UL`.",
        &[],
        Children::Any,
        &["UL"],
    ),
    Component {
        one_of: &["href", "action"],
        phrasing: true,
        ..component(
            "Link",
            Documented,
            "A link to `href`, or an action trigger with `action`.",
            &[
                attr("href", Url, Documented, "The URL to open."),
                attr(
                    "action",
                    Action,
                    Documented,
                    "Calls the hook with this action instead of navigating.",
                ),
                attr(
                    "target",
                    Enum(&LINK_TARGET),
                    Documented,
                    "Where to open `href`.",
                ),
            ],
            Children::Any,
            &[],
        )
    },
    component(
        "Notice",
        Documented,
        "A coloured banner.",
        &[
            attr(
                "type",
                Enum(&NOTICE_TYPE),
                Documented,
                "The banner's colour and icon.",
            ),
            attr(
                "error",
                Flag,
                Staff,
                "Old way to show an error notice (used by staff).",
            ),
        ],
        Children::Any,
        &[],
    ),
    component(
        "Option",
        Documented,
        "One choice of a `Select`; the label is `caption`.",
        &[
            required("value", Text, "The value sent in clientState."),
            required("caption", Text, "The visible text."),
            attr("selected", Flag, Community, "Initially selected."),
            attr("disabled", Flag, Community, "Not selectable."),
        ],
        Children::None,
        &["Select"],
    )
    .phrasing(),
    component(
        "P",
        Documented,
        "A paragraph.",
        &[
            attr("width", Length, Community, "A guess at a width."),
            attr("fontStyle", Text, Community, "A guess at a font style."),
        ],
        Children::Any,
        &[],
    ),
    component(
        "Page",
        Documented,
        "The root of every UIHook response.",
        &[],
        Children::Any,
        &[],
    )
    .root(),
    component(
        "ProjectSwitcher",
        Documented,
        "Lets the user pick a project; the hook is called with `projectId`.",
        &[attr(
            "message",
            Text,
            Documented,
            "The prompt (default \"Select a project\").",
        )],
        Children::None,
        &[],
    ),
    component(
        "ResetButton",
        Documented,
        "Clears inputs on the client, without calling the hook.",
        &[attr(
            "targets",
            NameList,
            Documented,
            "Comma-separated input names; all inputs when absent.",
        )],
        Children::Text,
        &[],
    )
    .phrasing(),
    component(
        "Select",
        Documented,
        "A drop-down of `Option`s; with `action` it calls the hook on change.",
        &[
            attr("name", Text, Documented, "The clientState key."),
            attr("value", Text, Documented, "The selected option's value."),
            attr(
                "action",
                Action,
                Documented,
                "Makes a choice call the hook with this action.",
            ),
            attr("label", Label, Staff, "Caption (used by staff)."),
            attr("small", Flag, Staff, "A smaller control (used by staff)."),
            attr("width", Length, Staff, "Width (used by staff)."),
            attr("disabled", Flag, Staff, "Not editable (used by staff)."),
        ],
        Children::Only(&["Option"]),
        &[],
    )
    .phrasing()
    .form_field(),
    component(
        "Textarea",
        Documented,
        "A multi-line field; the children are its initial value.",
        &[
            attr("name", Text, Documented, "The clientState key."),
            attr("label", Label, Documented, "Caption."),
            attr("disabled", Flag, Documented, "Not editable."),
            attr("errored", Flag, Documented, "Shown in the error state."),
            attr("width", Length, Documented, "Width."),
            attr("height", Length, Documented, "Height."),
            attr(
                "value",
                Text,
                Staff,
                "Initial value instead of children (used by staff).",
            ),
            attr(
                "placeholder",
                Text,
                Staff,
                "Placeholder text (used by staff).",
            ),
        ],
        Children::Text,
        &[],
    )
    .phrasing()
    .form_field(),
    component(
        "UL",
        Documented,
        "A bulleted list of `LI`.",
        &[],
        Children::Only(&["LI"]),
        &[],
    ),
];

/// Whether two names are equal, compared in line: names are short, and a
/// plain `==` calls `memcmp` for every pair of the same length (each
/// attribute against its component's list, each close tag against its open
/// tag, each component look-up).
#[inline]
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The component called `name` (case-sensitive).
pub fn component_named(name: &str) -> Option<&'static Component> {
    // Asked for every element of every document: one hash and one
    // comparison instead of a binary search's half-dozen.
    // Keyed by the name's hash (no two names of the catalog share one,
    // which a test checks), so the map compares integers and the one
    // candidate's name is compared in line.
    static INDEX: OnceLock<FxHashMap<u64, &'static Component>> = OnceLock::new();
    INDEX
        .get_or_init(|| COMPONENTS.iter().map(|c| (name_hash(c.name), c)).collect())
        .get(&name_hash(name))
        .copied()
        .filter(|c| same_name(c.name, name))
}

fn name_hash(name: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(name)
}

/// Whether `name` is the component every response is wrapped in (`Page`).
pub fn is_root(name: &str) -> bool {
    component_named(name).is_some_and(|c| c.root)
}

/// Elements the host blocked outright (catalog §B.3 and the documented
/// security limits), with why.
pub fn forbidden_element(name: &str) -> Option<&'static str> {
    match name {
        "script" => Some("scripts never run in the dashboard"),
        "style" => Some("stylesheets are blocked; style a `Box` with attributes"),
        "html" | "head" | "body" => Some("document tags were unwrapped by the host, and text directly inside them blanked the page"),
        _ => None,
    }
}

/// The catalog component an author most likely meant by an HTML tag name.
pub fn html_equivalent(tag: &str) -> Option<&'static str> {
    Some(match tag.to_ascii_lowercase().as_str() {
        "div" | "section" | "span" | "main" | "article" | "header" | "footer" | "nav" => "Box",
        "p" => "P",
        "h1" => "H1",
        "h2" | "h3" | "h4" | "h5" | "h6" => "H2",
        "b" | "strong" => "B",
        "br" => "BR",
        "hr" => "HR",
        "ul" | "ol" => "UL",
        "li" => "LI",
        "img" => "Img",
        "a" => "Link",
        "code" | "pre" => "Code",
        "button" => "Button",
        "input" => "Input",
        "textarea" => "Textarea",
        "select" => "Select",
        "option" => "Option",
        "fieldset" | "form" => "Fieldset",
        "page" => "Page",
        "container" => "Container",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_one_components_sorted() {
        assert_eq!(COMPONENTS.len(), 31);
        assert!(COMPONENTS.windows(2).all(|w| w[0].name < w[1].name));
        assert!(component_named("Box").is_some());
        assert!(component_named("box").is_none());
    }

    #[test]
    fn component_names_have_distinct_hashes() {
        let hashes: std::collections::HashSet<u64> =
            COMPONENTS.iter().map(|c| name_hash(c.name)).collect();
        assert_eq!(hashes.len(), COMPONENTS.len());
        for c in COMPONENTS {
            assert!(component_named(c.name).is_some_and(|found| std::ptr::eq(found, c)));
            assert!(component_named(&c.name.to_lowercase()).is_none());
        }
        assert!(component_named("").is_none());
        assert!(same_name("Box", "Box") && !same_name("Box", "Bo") && !same_name("Box", "Bix"));
    }

    #[test]
    fn attributes_are_unique_per_component() {
        for c in COMPONENTS {
            for (i, a) in c.attrs.iter().enumerate() {
                assert!(
                    c.attrs[i + 1..].iter().all(|b| b.name != a.name),
                    "{}.{}",
                    c.name,
                    a.name
                );
            }
        }
    }

    #[test]
    fn conventions_name_real_components() {
        for c in COMPONENTS {
            for p in c.parents {
                assert!(component_named(p).is_some(), "{} parent {p}", c.name);
            }
            if let Children::Only(list) = c.children {
                for k in list {
                    assert!(component_named(k).is_some(), "{} child {k}", c.name);
                }
            }
        }
    }

    #[test]
    fn typed_enums_match_their_specs() {
        let names: Vec<_> = NoticeType::ALL.iter().map(|v| v.as_str()).collect();
        assert_eq!(names, NOTICE_TYPE.values);
        assert_eq!(ButtonType::Ghost.to_string(), "ghost");
        assert_eq!(LinkTarget::Blank.as_str(), "_blank");
    }
}
