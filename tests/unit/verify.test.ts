import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/lib/verify/verify.ts';

describe('resolveTarget', () => {
  it('resolves a relative link against its page, as a browser does', () => {
    expect(resolveTarget('../other-post/', '/', '/2015/02/agile-workshop/')).toBe('/2015/02/other-post/');
    expect(resolveTarget('other-post/', '/', '/2015/02/agile-workshop/')).toBe('/2015/02/agile-workshop/other-post/');
    expect(resolveTarget('./photo.jpg', '/news/', '/2015/02/x/')).toBe('/2015/02/x/photo.jpg');
    expect(resolveTarget('../../../2014/', '/news/', '/2015/02/x/')).toBe('/2014/');
    expect(resolveTarget('fire/', '/', '/old/bazaar.html')).toBe('/old/fire/');
  });

  it('reads a path from the root as before, decoded', () => {
    expect(resolveTarget('/news/people/%D0%B0/?page=2#top', '/news/', '/')).toBe('/people/а/');
  });

  it('says when a link leaves the base', () => {
    expect(resolveTarget('/elsewhere/', '/news/', '/2015/02/x/')).toBeUndefined();
    expect(resolveTarget('../../../../elsewhere/', '/news/', '/2015/02/x/')).toBeUndefined();
  });
});
