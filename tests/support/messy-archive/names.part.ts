/**
 * Names spelt two ways, as years of many hands leave them: `Design` and `design`, `open data`
 * and `Open Government Data`, `Gabriel Ramírez` and `Gabriel Ramirez`, `Aizada Ömürbekova` and
 * `Aizada Omurbekova`, `Kyrgyzstan` and `kyrgyzstan`; with a topics registry (an alias) and an
 * authors registry (role, biography, photo, email, links). This part owns `topics.yaml` and
 * `authors.yaml` of the archive.
 *
 * Flawed: a second author claims an alias of the first, which stays an error.
 */
import type { ArchiveWriter } from './index.ts';

/** The articles of this part, by file name, for the tests that read them. */
export const NAMES_FILES = {
  budget: 'articles/2025/03/2025-03-04-bishkek-budget-portal.md',
  busMap: 'articles/2025/03/2025-03-18-osh-bus-map.md',
  procurement: 'articles/2025/04/2025-04-02-procurement-records-online.md',
  marketHall: 'articles/2025/04/2025-04-20-karakol-market-hall-prize.md',
  fountains: 'articles/2025/05/2025-05-09-bishkek-fountain-map.md',
  banknotes: 'articles/2025/06/2025-06-12-tenge-banknote-design.md',
  census: 'articles/2025/07/2025-07-01-census-spreadsheet.md',
} as const;

const TOPICS = `# Topics the desk names often, with the other names writers use.
- name: Open data
  aliases: [Open government data]
  description: Public records published for anyone to reuse, and what they show.
`;

const AUTHORS = `- name: Gabriel Ramírez
  aliases: [G. Ramírez]
  role: Data editor
  bio: Gabriel covers budgets, procurement and open data from Bishkek. Before joining the desk he built spreadsheets for a regional audit office.
  photo:
    src: /images/mountain-railway.svg
    alt: Gabriel Ramírez at the newsroom, in front of a wall of printed charts
  email: gabriel.ramirez@example.org
  links:
    - https://mastodon.example/@gramirez
    - { label: Portfolio, url: "https://gabriel-ramirez.example/" }
`;

const FLAWED_AUTHOR = `- name: Gabriela Ramos
  aliases: [G. Ramírez]
`;

function story(fields: string, body: string): string {
  return `---\n${fields.trim()}\n---\n\n${body.trim()}\n`;
}

export default function names(w: ArchiveWriter): void {
  w.write('topics.yaml', TOPICS);
  w.write('authors.yaml', w.flawed ? AUTHORS + FLAWED_AUTHOR : AUTHORS);

  w.write(
    NAMES_FILES.budget,
    story(
      `
title: Bishkek city hall puts its whole budget online
summary: Every line of the capital's spending plan can now be searched, downloaded and compared with last year's.
date: 2025-03-04T10:15
location: Bishkek, Kyrgyzstan
topics: [Open data, Design]
authors: [Gabriel Ramírez]
speakers:
  - name: Nurgul Asanova
    role: Deputy mayor for finance
`,
      `
The city of Bishkek published its full budget for the year on Tuesday, line by line, on a new
portal that lets residents filter spending by district and compare it with previous years.

"People kept asking us where the money for their street went," said Nurgul Asanova, the deputy
mayor for finance. "Now they can look it up themselves."

The portal's designers tested early versions with pensioners in the Alamedin district, who asked
for larger type and fewer menus.
`,
    ),
  );

  w.write(
    NAMES_FILES.busMap,
    story(
      `
title: Osh riders redraw their own bus map
summary: A volunteer map of the city's 40 marshrutka routes has replaced the official one at most stops.
date: 2025-03-18T09:00
location: Osh, Kyrgyzstan
topics: [Design, Transport]
authors: [Aizada Ömürbekova]
`,
      `
For years the only map of Osh's minibus routes was a faded poster at the central bazaar. This
spring a group of students and drivers drew a new one, colour by colour, from rides they logged
on their phones.

The city's transport office has since printed 300 copies for its stops.
`,
    ),
  );

  w.write(
    NAMES_FILES.procurement,
    story(
      `
title: Procurement records go online, with gaps
summary: The new register lists most public tenders since 2019, but contracts under a set amount are still missing.
date: 2025-04-02T14:30
location: Bishkek, kyrgyzstan
topics: [open data]
authors: [Gabriel Ramirez]
`,
      `
The state procurement register opened to the public on Wednesday. It lists most tenders since
2019, who bid and who won, but leaves out contracts below the threshold for open tenders, which
auditors say make up a third of all purchases.
`,
    ),
  );

  w.write(
    NAMES_FILES.marketHall,
    story(
      `
title: Karakol's new market hall wins a regional architecture prize
summary: The timber hall, built by local carpenters on the site of the old bazaar, was praised for its light and its roof.
date: 2025-04-20T11:00
location: Karakol, Kyrgyzstan
topics: [Design]
authors: [Aizada Omurbekova]
`,
      `
The jury of the Central Asian architecture prize chose the Karakol market hall from 60 entries.
Its roof of larch shingles, made in the town, keeps the hall cool in summer without machines.
`,
    ),
  );

  w.write(
    NAMES_FILES.fountains,
    story(
      `
title: Students map every drinking fountain in Bishkek
summary: A school project found 212 public fountains; fewer than half worked in the first week of May.
date: 2025-05-09T16:45
location: Bishkek, Kyrgyzstan
topics: [Open Government Data, Water]
authors: [Gabriel Ramírez, Aizada Ömürbekova]
`,
      `
Pupils from three Bishkek schools spent a month walking the city with a checklist. Their map,
published as a spreadsheet anyone may reuse, shows 212 fountains, 97 of them working.
`,
    ),
  );

  w.write(
    NAMES_FILES.banknotes,
    story(
      `
title: Why the new tenge banknotes look the way they do
summary: The designers of Kazakhstan's new notes explain the steppe patterns, the tactile marks and the missing portraits.
date: 2025-06-12T08:30
location: Almaty, Kazakhstan
topics: [design]
authors: [Aizada Ömürbekova]
`,
      `
The new notes carry no portraits. Instead, each shows a landscape and an ornament from a
different region, with raised marks that let blind readers tell the values apart.
`,
    ),
  );

  w.write(
    NAMES_FILES.census,
    story(
      `
title: Census data, a year late, arrives in one spreadsheet
summary: The statistics committee published the full census tables as open files, with district-level figures for the first time.
date: 2025-07-01T12:00
location: Bishkek, Kyrgyzstan
topics: [Open data]
authors: [gabriel ramírez]
`,
      `
The national statistics committee released the census tables a year behind schedule, but in a
form researchers had asked for: one file, with figures for every district.
`,
    ),
  );
}
