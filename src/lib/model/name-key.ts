/**
 * The key names and aliases are matched by: case-folded, spaces collapsed. A module of its own
 * because the search page's script folds aliases the same way and must not load the registries' parser.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}
