import { plainToInstance } from 'class-transformer';
import { EmptyAsAbsent, ToBoolean, ToList } from './query.transforms';

class Query {
  @ToList() list?: unknown;
  @ToBoolean() flag?: unknown;
  @ToBoolean({ emptyAsAbsent: true }) optionalFlag?: unknown;
  @EmptyAsAbsent() text?: unknown;
}

const read = (query: Record<string, unknown>): Query => plainToInstance(Query, query);

describe('query transforms', () => {
  it('reads comma-separated and repeated values as one list, empty as absent', () => {
    expect(read({ list: 'a, b' }).list).toEqual(['a', 'b']);
    expect(read({ list: ['a,b', 'c'] }).list).toEqual(['a', 'b', 'c']);
    expect(read({ list: ' , ' }).list).toBeUndefined();
  });

  it('reads true and false as booleans and passes anything else on for validation to refuse', () => {
    expect(read({ flag: 'true' }).flag).toBe(true);
    expect(read({ flag: 'false' }).flag).toBe(false);
    expect(read({ flag: 'TRUE' }).flag).toBe('TRUE');
    expect(read({ flag: '' }).flag).toBe('');
  });

  it('treats an empty boolean as absent only when asked to', () => {
    expect(read({ optionalFlag: '' }).optionalFlag).toBeUndefined();
    expect(read({ optionalFlag: 'false' }).optionalFlag).toBe(false);
  });

  it('treats an empty string as absent', () => {
    expect(read({ text: '' }).text).toBeUndefined();
    expect(read({ text: 'x' }).text).toBe('x');
  });
});
