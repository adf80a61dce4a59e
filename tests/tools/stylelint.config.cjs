// stylelint over static/: the recommended rules catch what breaks pages (unclosed blocks, unknown
// properties and units, duplicate selectors, invalid values). Descending specificity is left out:
// component rules (.field--error input vs .toolbar input) are ordered by component, not by weight.
module.exports = {
  extends: 'stylelint-config-recommended',
  rules: {
    'no-descending-specificity': null,
  },
};
