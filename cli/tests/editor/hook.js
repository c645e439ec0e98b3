const { htm } = require('@zeit/integration-utils');

module.exports = () => htm`
  <Page>
    <Buton>Go</Buton>
  </Page>
`;
