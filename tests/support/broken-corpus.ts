/**
 * The broken newsroom in tests/fixtures/broken (one article per kind of mistake) and the line
 * each mistake must produce, from `npm run check` and from the build alike.
 */
export const BROKEN_DIR = 'tests/fixtures/broken';
export const BROKEN_COUNTS = { errors: 9, warnings: 2 };

export const BROKEN_PROBLEMS: [string, RegExp][] = [
  ['unreadable YAML', /^tests\/fixtures\/broken\/articles\/bad-yaml\.md:2:8 {2}error {2}The YAML cannot be read: Nested mappings are not allowed/],
  [
    'a missing title',
    /^tests\/fixtures\/broken\/articles\/missing-title\.md:2:1 {2}error {2}title: is required\. Expected a text; found nothing \(the field is missing\)\.$/,
  ],
  [
    'a wrong date',
    /^tests\/fixtures\/broken\/articles\/bad-date\.md:4:1 {2}error {2}date: has the wrong form\. Expected an ISO 8601 date .*found "31\/07\/2025"\.$/,
  ],
  [
    'an unknown field',
    /^tests\/fixtures\/broken\/articles\/unknown-field\.md:5:1 {2}error {2}organisations: Unknown field "organisations"\..*Did you mean "organizations"\?$/,
  ],
  [
    'an alias conflict',
    /^tests\/fixtures\/broken\/organizations\.yaml:4:1 {2}error {2}\[1\]: "Shanghai Cricket Organization" and "Shanghai Cooperation Organization" \(line 1\) both claim the name or alias "sco"/,
  ],
  [
    'a slug collision',
    /^tests\/fixtures\/broken\/articles\/(2025\/)?osh-water\.md:1:1 {2}error {2}slug: This article and .*osh-water\.md would both be published at \/2025\/07\/osh-water\//,
  ],
  [
    'a link to nowhere',
    /^tests\/fixtures\/broken\/articles\/link-to-nowhere\.md:6:5 {2}error {2}The link \/2024\/07\/no-such-story\/ points to no page or file of the site\./,
  ],
  ['a link to no person', /^tests\/fixtures\/broken\/articles\/link-to-nowhere\.md:6:54 {2}error {2}The link \/people\/nobody-at-all\/ points to no page/],
  [
    'an image without alt text',
    /^tests\/fixtures\/broken\/articles\/image-without-alt\.md:6:1 {2}error {2}The image \/images\/amu-darya\.svg has no alt text\./,
  ],
  [
    'markup in a title',
    /^tests\/fixtures\/broken\/articles\/injection\.md:2:1 {2}warning {2}title: The title contains markup \(<script>\); it is shown as plain text, never run\./,
  ],
  ['markup in a summary', /^tests\/fixtures\/broken\/articles\/injection\.md:3:1 {2}warning {2}summary: The summary contains markup/],
];
