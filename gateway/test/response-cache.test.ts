import { readResponseCacheConfig, ResponseCache, RESPONSE_CACHE_DEFAULTS } from '../src/response-cache';

describe('ResponseCache', () => {
  let now = 1_000_000;
  const clock = () => now;
  const answer = (n: number) => ({ data: { n } });

  it('keeps an answer for its seconds, then forgets it', () => {
    const cache = new ResponseCache({ ...RESPONSE_CACHE_DEFAULTS, seconds: 10 }, clock);
    expect(cache.set('a', answer(1), cache.generation)).toBe(true);
    now += 9_999;
    const kept = cache.get('a')!;
    expect(kept.result).toEqual(answer(1));
    expect(cache.secondsLeft(kept)).toBe(0);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the oldest first', () => {
    const cache = new ResponseCache({ ...RESPONSE_CACHE_DEFAULTS, maxEntries: 3 }, clock);
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, answer(1), cache.generation);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((k) => !!cache.get(k))).toEqual([true, true, true]);
    // Setting a key again makes it the newest.
    cache.set('b', answer(2), cache.generation);
    cache.set('e', answer(1), cache.generation);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('b')!.result).toEqual(answer(2));
  });

  it('keeps nothing computed before a clear (a mutation ran meanwhile)', () => {
    const cache = new ResponseCache(RESPONSE_CACHE_DEFAULTS, clock);
    const started = cache.generation;
    cache.set('a', answer(1), started);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set('b', answer(1), started)).toBe(false);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.set('b', answer(1), cache.generation)).toBe(true);
  });

  it('keeps what it has while a mutation runs, but nothing computed meanwhile', () => {
    const cache = new ResponseCache(RESPONSE_CACHE_DEFAULTS, clock);
    cache.set('a', answer(1), cache.generation);
    const started = cache.generation;
    cache.begin();
    expect(cache.get('a')!.result).toEqual(answer(1));
    expect(cache.set('b', answer(2), started)).toBe(false);
  });

  it('keeps no answer larger than maxEntryBytes', () => {
    const cache = new ResponseCache({ ...RESPONSE_CACHE_DEFAULTS, maxEntryBytes: 100 }, clock);
    expect(cache.set('big', { data: { s: 'x'.repeat(200) } }, cache.generation)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('reads its settings from the environment and refuses bad ones', () => {
    expect(readResponseCacheConfig({})).toEqual(RESPONSE_CACHE_DEFAULTS);
    expect(readResponseCacheConfig({ C2C_RESPONSE_CACHE_SECONDS: '0', C2C_RESPONSE_CACHE_ENTRIES: '50' })).toMatchObject({
      seconds: 0,
      maxEntries: 50,
    });
    for (const bad of ['-1', '1.5', 'ten', '3601'])
      expect(() => readResponseCacheConfig({ C2C_RESPONSE_CACHE_SECONDS: bad })).toThrow(/C2C_RESPONSE_CACHE_SECONDS must be/);
  });
});
