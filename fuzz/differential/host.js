#!/usr/bin/env node
// Parses every document in a directory with the host parser, configured as the
// ZEIT dashboard did (catalog §B.3): @zeit/react-jsx-parser 2.0.0 with
// `componentsOnly`, a component map of the catalog names (each a mock
// component that records its props), `script` and `style` blocked, and an
// `onError` callback that collects every error.
//
//   node host.js DIR > host.jsonl
//
// One JSON line per document (files sorted by name):
//   {"file", "syntax_error": message|null, "errors": [other onError messages],
//    "crash": message|null, "tree": [item…], "rendered": [component names]}
// The tree is flat, in document order: item = {"d": depth, "t": text} or
// {"d": depth, "e": name, "a": [[attr, value]…] sorted by name}; an element's
// children follow it with depth + 1.
// value = "s:<string>" | "b:true" | "b:false" | "n:<String(number)>" | "null"
//       | "undef" | {"el": [item…]} | "o:<JSON>"
// Adjacent text is merged (the browser shows it as one run); `true`, `false`,
// `null` and `undefined` children render nothing and are left out, numbers
// render as their JS string — as React did.
'use strict';

const fs = require('fs');
const path = require('path');
const React = require('react');
const { renderToStaticMarkup } = require('react-dom/server');
const JsxParser = require('@zeit/react-jsx-parser').default;

// The catalog allow-list, written by `differential corpus` from the
// compiler's schema (the single copy of the list) next to the corpus.
const CATALOG = JSON.parse(
  fs.readFileSync(path.join(process.argv[2] || '.', '..', 'catalog.json'), 'utf8'),
);

// Each mock component records that it rendered and the props it got, and
// renders its children inside a custom element, so renderToStaticMarkup
// exercises the same React render the dashboard ran (a regex literal or an
// object child crashes there).
let rendered = [];
const components = {};
const NAME_OF = new Map();
for (const name of CATALOG) {
  const Mock = (props) => {
    rendered.push(name);
    return React.createElement(`uihook-${name.toLowerCase()}`, null, props.children);
  };
  Mock.displayName = name;
  components[name] = Mock;
  NAME_OF.set(Mock, name);
}

function value(v) {
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (typeof v === 'number') return `n:${String(v)}`;
  if (v === null) return 'null';
  if (v === undefined) return 'undef';
  if (React.isValidElement(v)) {
    const nodes = walk(v);
    return { el: nodes.length === 1 ? nodes[0] : nodes };
  }
  try {
    return `o:${JSON.stringify(v)}`;
  } catch (e) {
    return `o:${String(v)}`;
  }
}

function push(out, node) {
  if (node.t !== undefined) {
    if (node.t === '') return;
    const last = out[out.length - 1];
    if (last && last.t !== undefined) {
      last.t += node.t;
      return;
    }
  }
  out.push(node);
}

function walk(node, out = []) {
  if (node === null || node === undefined || typeof node === 'boolean') return out;
  if (typeof node === 'string') {
    push(out, { t: node });
  } else if (typeof node === 'number') {
    push(out, { t: String(node) });
  } else if (Array.isArray(node)) {
    for (const item of node) walk(item, out);
  } else if (React.isValidElement(node)) {
    if (node.type === React.Fragment) {
      walk(node.props.children, out);
    } else {
      const name = NAME_OF.get(node.type) || `html:${String(node.type)}`;
      const attrs = Object.keys(node.props)
        .filter((k) => k !== 'children')
        .sort()
        .map((k) => [k, value(node.props[k])]);
      out.push({ e: name, a: attrs, c: walk(node.props.children) });
    }
  } else {
    out.push({ o: value(node) });
  }
  return out;
}

// The tree as a flat pre-order list: {"d": depth, "e", "a"} or {"d", "t"};
// element-valued attributes hold {"el": flat list}. Flat JSON keeps deep
// documents within the Rust JSON reader's nesting limit.
function flatten(nodes, depth = 0, out = []) {
  for (const n of nodes) {
    if (n.t !== undefined) {
      out.push({ d: depth, t: n.t });
    } else if (n.e !== undefined) {
      const a = n.a.map(([k, v]) => [k, v && v.el ? { el: flatten([v.el].flat()) } : v]);
      out.push({ d: depth, e: n.e, a });
      flatten(n.c, depth + 1, out);
    } else {
      out.push({ d: depth, o: n.o });
    }
  }
  return out;
}

function hostParse(src) {
  const errors = [];
  let syntaxError = null;
  const props = Object.assign({}, JsxParser.defaultProps, {
    jsx: src,
    components,
    componentsOnly: true,
    blacklistedTags: ['script', 'style'],
    renderInWrapper: true,
    onError: (e) => errors.push(e),
  });
  const parser = new JsxParser(props);
  parser.props = props;
  let out;
  let crash = null;
  try {
    out = parser.render();
  } catch (e) {
    return { syntax_error: null, errors: errors.map(String), crash: String(e), tree: [] };
  }
  // parseJSX catches the acorn error and returns []: that is the syntax error
  // (the whole page renders nothing); every other onError call is an Error
  // made by JsxParser itself.
  const other = [];
  for (const e of errors) {
    if (e instanceof SyntaxError || e.pos !== undefined) syntaxError = String(e.message);
    else other.push(String(e.message));
  }
  rendered = [];
  try {
    renderToStaticMarkup(out);
  } catch (e) {
    crash = String(e.message || e);
  }
  return {
    syntax_error: syntaxError,
    errors: other,
    crash,
    tree: flatten(walk(parser.ParsedChildren)),
    rendered: rendered.slice(),
  };
}

// Lone surrogates (from `"\uD800"`) become U+FFFD, as in our parser, so
// the JSON line is valid UTF-8 for the Rust side.
function wellFormed(v) {
  if (typeof v === 'string') return v.toWellFormed();
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v)) o[wellFormed(k)] = wellFormed(v[k]);
    return o;
  }
  return v;
}

function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node host.js DIR > host.jsonl');
    process.exit(2);
  }
  // React warns on console.error (unknown props, keys); keep stdout clean.
  console.error = () => {};
  console.warn = () => {};
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.uihook')).sort();
  const lines = [];
  for (const file of files) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    lines.push(JSON.stringify(wellFormed(Object.assign({ file }, hostParse(src)))));
  }
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
}

if (require.main === module) main();
module.exports = { hostParse, walk, CATALOG };
