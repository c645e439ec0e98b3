// The seed's counter, written with the reference runtime (served by `micro`).
const { withUiHook, htm } = require('@zeit/integration-utils');

let count = 0;

module.exports = withUiHook(async ({ payload }) => {
  if (payload.action === 'reset') {
    count = 0;
  } else {
    count += 1;
  }
  return htm`
    <Page>
      <P>Counter: ${count}</P>
      <Button>Count Me</Button>
      <Button action="reset">Reset</Button>
    </Page>
  `;
});
