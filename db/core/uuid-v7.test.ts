import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Block } from './uuid-v7';

const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('UUIDv7 ids', () => {
  it('carry the time in milliseconds and the version and variant bits', () => {
    const id = uuidv7(Date.UTC(2030, 0, 1));
    expect(id).toMatch(shape);
    expect(msOf(id)).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
  });

  it('always increase, within a millisecond, past 4,096 in one millisecond and when the clock steps back', () => {
    const ids = [
      ...Array.from({ length: 10_000 }, () => uuidv7(Date.UTC(2031, 0, 1))),
      ...Array.from({ length: 10 }, () => uuidv7(Date.UTC(2020, 0, 1))),
      ...Array.from({ length: 10 }, () => uuidv7()),
    ];
    for (let i = 1; i < ids.length; i++)
      expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reserve a block whose i-th id is always the same, increasing with i and later than all before it', () => {
    const before = uuidv7(Date.UTC(2032, 0, 1));
    const idOf = uuidv7Block(10_000);
    const after = uuidv7();
    const block = Array.from({ length: 10_000 }, (_, i) => idOf(i));
    expect(block[0]! > before).toBe(true);
    for (let i = 1; i < block.length; i++) expect(block[i]! > block[i - 1]!).toBe(true);
    expect(after > block[block.length - 1]!).toBe(true);
    for (const id of block.slice(0, 50)) expect(id).toMatch(shape);
    expect(idOf(1234)).toBe(block[1234]);
    expect(() => idOf(10_000)).toThrow(RangeError);
    // Two blocks reserved at the same moment share no id.
    const other = uuidv7Block(10);
    expect(other(0) > block[block.length - 1]!).toBe(true);
  });
});
