// The adapter side of `uihook fuzz-renderer`'s line protocol
// (docs/fuzz-renderer.md), shared by the JavaScript adapters: one JSON
// request per line on standard input, one JSON answer per line on standard
// output, in order. `serve(render)` calls `render(template, values)` for
// each request; what it returns is the markup, what it throws is an error
// answer. Diagnostics go to standard error, never to standard output.
'use strict';

const readline = require('readline');

// The piece's text: a literal, or the value in its slot.
function piece(p, values) {
  if (Object.prototype.hasOwnProperty.call(p, 'literal')) return p.literal;
  return values[p.slot];
}

function serve(render) {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let id = null;
    let answer;
    try {
      const request = JSON.parse(line);
      id = request.id;
      answer = { id, markup: String(render(request.template, request.values)) };
    } catch (e) {
      answer = { id, error: String((e && e.stack) || e) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
}

module.exports = { piece, serve };
