import { inspectInput } from './input-inspector';

const nest = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('inspectInput', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(inspectInput(nest(64)).tooDeep).toBe(false);
    expect(inspectInput(nest(65)).tooDeep).toBe(true);
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(inspectInput(nest(1_000_000)).tooDeep).toBe(true);
  });

  it('counts arrays as levels (a query like a[][][]… or a JSON array)', () => {
    let value: unknown = [];
    for (let i = 0; i < 70; i++) value = [value];
    expect(inspectInput(value).tooDeep).toBe(true);
    expect(inspectInput({ tags: ['a', 'b'] })).toEqual({ tooDeep: false, illFormed: [] });
  });

  it('names the path of every lone surrogate, in values and in keys', () => {
    const found = inspectInput({ a: { b: 'x\ud800' }, list: ['ok', '\udc00'], ['k\ud801']: 1 });
    expect(found.illFormed.sort()).toEqual(['a.b', 'k\ud801', 'list.1']);
  });

  it('accepts well-formed astral characters (surrogate pairs)', () => {
    expect(inspectInput({ emoji: '😀', cjk: '𠀀' }).illFormed).toEqual([]);
  });

  it('reports at most 20 fields however many are bad', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, '\ud800']));
    expect(inspectInput(many).illFormed).toHaveLength(20);
  });
});
