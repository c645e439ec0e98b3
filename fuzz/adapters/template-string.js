#!/usr/bin/env node
// A `fuzz-renderer` adapter for the way plain-string hooks were written:
// naive `${}` concatenation, no escaping at all.
//
//   uihook fuzz-renderer -- node fuzz/adapters/template-string.js
//
// Every hostile value breaks it somewhere: `"` ends an attribute, `<` and
// `{` start syntax in text, `&amp;` decodes to `&`. It is here to show what
// `fuzz-renderer` reports, and as the smallest example of an adapter.
'use strict';

const { piece, serve } = require('./protocol');

function render(node, values) {
  if (node.text) return `${piece(node.text, values)}`;
  const attrs = (node.attrs || [])
    .map((a) => ` ${a.name}="${piece(a.value, values)}"`)
    .join('');
  const children = (node.children || []).map((c) => render(c, values)).join('');
  return `<${node.element}${attrs}>${children}</${node.element}>`;
}

serve(render);
