#!/usr/bin/env node
// Renders templates with the reference renderer, @zeit/integration-utils
// 0.6.4 (`renderAST(htm`…`)`, catalog §D), and writes each output into DIR
// as htm-NAME.uihook; the §D.6 bug cases are written as htm-bug-N-NAME.uihook.
// `differential compare` then checks that our parser accepts every htm-*
// file without errors and diagnoses every htm-bug-* file, and compares both
// with the host parser like any other document.
//
//   node htm.js DIR
'use strict';

const fs = require('fs');
const path = require('path');
const { htm, renderAST } = require('@zeit/integration-utils');

// Values that need escaping, interpolated into text and attributes.
const TRICKY = [
  '<', '>', '{', '}', '&', '&amp;', '"', "'", '\n', '\r\n', '\\', '${x}', '</Page>',
  '<!-- -->', '{/* */}', '\u00a0', 'é', '😀', '&quot', 'true', 'false', ' ', '',
  '\t', '\u0000', '\u001f', '\ud800', 'a\nb\nc', '{"a"}', '`t`', '<P>x</P>',
];

function templates() {
  const t = {};
  const name = 'Ada "the first" <Lovelace> & {co}';
  t['basic'] = htm`<Page><P>Hello ${name}</P><Button action="go">Go</Button></Page>`;
  t['form'] = htm`
    <Page>
      <Container>
        <Input label="Name" name="name" value=${name} />
        <Textarea name="note" value=${'multi\nline'} />
        <Select name="dbName" value="b" action="change">
          <Option value="a" caption="A" />
          <Option value="b" caption=${'B "quoted"'} />
        </Select>
        <Checkbox name="allow" label="Allow" checked=${true} />
        <Button small secondary action="save">Save</Button>
      </Container>
      <AutoRefresh timeout=${5000} />
    </Page>`;
  t['fieldset'] = htm`<Page><Fieldset><FsContent><FsTitle>T</FsTitle><FsSubtitle>S</FsSubtitle><P>${'x'}</P></FsContent><FsFooter>F</FsFooter></Fieldset></Page>`;
  t['box'] = htm`<Page><Box display="flex" justifyContent="space-between" padding=${'10px'}><B>bold</B><BR /><HR /></Box></Page>`;
  t['list'] = htm`<Page><UL>${['a', 'b', 'c'].map((x) => htm`<LI>${x}</LI>`)}</UL></Page>`;
  t['links'] = htm`<Page><Link href="https://example.com/?a=1&b=2" target="_blank">L</Link><ButtonLink href="https://x.y">B</ButtonLink><ProjectSwitcher /></Page>`;
  t['media'] = htm`<Page><Img src="https://example.com/a.png" width="10" /><Code>${'let x = {a: 1} < 2;'}</Code><Notice type="warn">${'careful & <b>'}</Notice></Page>`;
  t['state'] = htm`<Page><ClientState a=${'1'} /><ResetButton targets="a, b">Reset</ResetButton><H1>h</H1><H2>h</H2></Page>`;
  t['shared-component'] = (() => {
    const Row = ({ label, children }) => htm`<Box><B>${label}</B>${children}</Box>`;
    return htm`<Page><${Row} label="k">v<//></Page>`;
  })();
  t['split-lines'] = htm`<Page><P>line one
line two
${'three\nfour'}</P></Page>`;
  t['static-entity'] = htm`<Page><P>a &amp; b</P></Page>`; // §D.6.9: shown literally, still valid
  t['number-child'] = htm`<Page><P>${0}${42}${-1.5}</P></Page>`;
  t['stringified-values'] = htm`<Page><Input name="n" value=${null} label=${undefined} /><P>${false}</P></Page>`; // §D.6.3
  t['null-children'] = htm`<Page><P>${null}</P><P>${undefined}</P></Page>`; // §D.6.4: prints the words
  t['whitespace-join'] = htm`<Page><P>Hello <B>${'you'}</B>!</P></Page>`; // §D.6.10
  t['carriage-return'] = htm`<Page><P>${'a\rb\r\nc'}</P></Page>`; // §D.6.13
  t['lone-surrogate'] = htm`<Page><P>${'x\ud800y'}</P><Input name="s" value=${'\udfff'} /></Page>`; // §D.6.14
  t['object-prop'] = htm`<Page><Input name="o" label=${{ a: 1 }} /><Input name="a" label=${[1, 2]} /></Page>`;
  t['spread-safe'] = htm`<Page><Box ...${{ padding: '1px', margin: '2px' }} /></Page>`;
  TRICKY.forEach((v, i) => {
    t[`tricky-text-${i}`] = htm`<Page><P>${v}</P><P>a${v}b</P></Page>`;
    t[`tricky-attr-${i}`] = htm`<Page><Input name="n" label=${v} value=${`a${v}b`} /></Page>`;
  });

  // §D.6 bug cases that produce markup the host rejects or mangles.
  const bugs = {};
  bugs['5-line-separator-text'] = htm`<Page><P>${'a\u2028b'}</P></Page>`;
  bugs['5-paragraph-separator-prop'] = htm`<Page><Input name="n" value=${'a\u2029b'} /></Page>`;
  bugs['6-prop-name-injection'] = htm`<Page><Box ...${{ 'x onClick={1} y': 'v' }} /></Page>`;
  bugs['6-prop-name-equals'] = htm`<Page><Box ...${{ 'a=b': 'v' }} /></Page>`;
  bugs['6-prop-name-slash'] = htm`<Page><Box ...${{ 'a/b': 'v' }} /></Page>`;
  bugs['7-tag-name-injection'] = htm`<Page><${'P data-x="1"'}>x<//></Page>`;
  bugs['8-html-comment'] = htm`<Page><!-- c --><P>x</P></Page>`;
  bugs['12-lower-case-tags'] = htm`<page><p>x</p></page>`;
  return { t, bugs };
}

function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node htm.js DIR');
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  const { t, bugs } = templates();
  let n = 0;
  for (const [name, ast] of Object.entries(t)) {
    fs.writeFileSync(path.join(dir, `htm-${name}.uihook`), renderAST(ast));
    n += 1;
  }
  for (const [name, ast] of Object.entries(bugs)) {
    fs.writeFileSync(path.join(dir, `htm-bug-${name}.uihook`), renderAST(ast));
    n += 1;
  }
  console.error(`wrote ${n} htm documents to ${dir}`);
}

main();
