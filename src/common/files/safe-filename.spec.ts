import { attachmentDisposition, MAX_FILENAME_LENGTH, safeFilename } from './safe-filename';

describe('safeFilename', () => {
  it.each([
    ['clip.mp4', 'clip.mp4'],
    ['../../etc/passwd', 'passwd'],
    ['..', 'file'],
    ['../', 'file'],
    ['a/b/c.txt', 'c.txt'],
    ['/abs.txt', 'abs.txt'],
    ['C:\\Users\\me\\photo.jpg', 'photo.jpg'],
    ['C:\\Users\\me\\data.csv', 'data.csv'],
    ['..\\..\\win.ini', 'win.ini'],
    ['a..b...c.txt', 'a.b.c.txt'],
    ['x..y.csv', 'x.y.csv'],
    ['.hidden', 'hidden'],
    ['trailing. . ', 'trailing'],
    ['ev\u0000il\u0007\u001b[31m.txt', 'evil_31m.txt'],
    ['a\u0000b\u001f\u007f.csv', 'ab.csv'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['del\u007f\u0085.txt', 'del.txt'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['quote"and<angle>|pipe*.txt', 'quote_and_angle__pipe_.txt'],
    ['Fête  de   l’été.mov', 'Fête de l_été.mov'],
    ['動画.mp4', '動画.mp4'],
    ['', 'file'],
    [undefined, 'file'],
    ['\u0001\u0002', 'file'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFilename(raw)).toBe(safe);
  });

  it('never yields /, \\, .., or control characters', () => {
    for (const raw of [
      '../x',
      'a/../b',
      '..\\..',
      'x\u0000/..\u0001\\y',
      '....//....',
      '.../...',
    ]) {
      expect(safeFilename(raw)).not.toMatch(/[/\\\p{Cc}]|\.\./u);
    }
  });

  it(`cuts long names to ${MAX_FILENAME_LENGTH} characters and keeps the extension`, () => {
    const cut = safeFilename(`${'x'.repeat(300)}.webm`);
    expect(Array.from(cut)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(cut.endsWith('.webm')).toBe(true);
    expect(Array.from(safeFilename('é'.repeat(500)))).toHaveLength(MAX_FILENAME_LENGTH);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(attachmentDisposition('été (1).mp4')).toBe(
      `attachment; filename="_t_ (1).mp4"; filename*=UTF-8''%C3%A9t%C3%A9%20%281%29.mp4`,
    );
  });

  it('builds an attachment disposition', () => {
    expect(attachmentDisposition('a b.csv')).toBe(
      `attachment; filename="a b.csv"; filename*=UTF-8''a%20b.csv`,
    );
  });
});
