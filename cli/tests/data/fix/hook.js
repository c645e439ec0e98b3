// The template's legacy flag is fixed; this comment, the code and the
// `${name}` value around it are never touched.
const htm = require("htm");
module.exports = ({ name }) => htm`<Page>
  <P>Hello, ${name}</P>
  <Button warning action="go">Go</Button>
</Page>`;
