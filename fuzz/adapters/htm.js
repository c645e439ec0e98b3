#!/usr/bin/env node
// A `fuzz-renderer` adapter for the reference renderer: `renderAST(htm`…`)`
// of the real @zeit/integration-utils, in the version given (0.6.4: props as
// `={"json"}`; 0.5.1: props as `"…"` with the `&quot` bug, catalog §D.7).
//
//   fuzz/adapters/run.sh installs both versions into target/fuzz-adapters/;
//   UIHOOK_NODE_MODULES=target/fuzz-adapters/node_modules \
//     uihook fuzz-renderer -- node fuzz/adapters/htm.js 0.6.4
//
// Each template becomes the tagged-template call a hook author would have
// written: literals in the template's static strings, every slot a `${}`
// hole, so htm sees the values exactly as a hook passes user data.
'use strict';

const path = require('path');
const { serve } = require('./protocol');

const version = process.argv[2] || '0.6.4';
const modules = process.env.UIHOOK_NODE_MODULES || path.join(__dirname, 'node_modules');
const { htm, renderAST } = require(
  path.join(path.resolve(modules), `integration-utils-${version}`, 'lib', 'htm'),
);

// htm caches its parse by the identity of the strings array, as a template
// literal's call site has one array; keep one array per distinct template,
// so memory is bounded by the number of templates, not of requests.
const statics = new Map();

function build(node, values, strings, fields) {
  const emit = (s) => {
    strings[strings.length - 1] += s;
  };
  const put = (p) => {
    if (Object.prototype.hasOwnProperty.call(p, 'literal')) {
      return false;
    }
    fields.push(values[p.slot]);
    strings.push('');
    return true;
  };
  if (node.text) {
    if (!put(node.text)) emit(node.text.literal);
    return;
  }
  emit(`<${node.element}`);
  for (const a of node.attrs || []) {
    emit(` ${a.name}=`);
    if (!put(a.value)) emit(`"${a.value.literal}"`);
  }
  const children = node.children || [];
  if (children.length === 0) {
    emit(' />');
    return;
  }
  emit('>');
  for (const c of children) build(c, values, strings, fields);
  emit(`</${node.element}>`);
}

function render(template, values) {
  const strings = [''];
  const fields = [];
  build(template, values, strings, fields);
  const key = strings.join('\u0000');
  let array = statics.get(key);
  if (!array) {
    array = Object.freeze(Object.assign(strings.slice(), { raw: strings.slice() }));
    statics.set(key, array);
  }
  return renderAST(htm(array, ...fields));
}

serve(render);
