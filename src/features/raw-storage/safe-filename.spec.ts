import { attachmentDisposition, safeFilename } from './safe-filename';

// The same rules as media_v2_storage's copy (see its spec for the full table).
describe('safeFilename (raw_storage copy)', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\data.csv', 'data.csv'],
    ['..', 'file'],
    ['a\u0000b\u001f\u007f.csv', 'ab.csv'],
    ['x..y.csv', 'x.y.csv'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFilename(raw)).toBe(safe);
  });

  it('builds an attachment disposition', () => {
    expect(attachmentDisposition('a b.csv')).toBe(
      `attachment; filename="a b.csv"; filename*=UTF-8''a%20b.csv`,
    );
  });
});
