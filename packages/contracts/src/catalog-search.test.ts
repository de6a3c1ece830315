import { describe, expect, it } from 'vitest';
import { matchesServiceSearch, searchableChars } from './catalog-search.ts';

// Readings as the server stores them (computed there with pinyin-pro).
const website = { name: '网站变更申请', pinyin: 'wangzhanbiangengshenqing', initials: 'wzbgsq' };
const car = { name: '行政用车申请', pinyin: 'xingzhengyongcheshenqing hangzhengyongcheshenqing', initials: 'xzycsq hzycsq' };
const vpn = { name: 'VPN 账号申请', pinyin: 'vpnzhanghaoshenqing', initials: 'vpnzhsq' };

describe('searchableChars', () => {
  it('keeps Han characters, letters and digits, folded and lower-cased', () => {
    expect(searchableChars('ＶＰＮ 账号（新）')).toEqual(['v', 'p', 'n', '账', '号', '新']);
  });
});

describe('matchesServiceSearch', () => {
  const finds = (query: string, service = website) => matchesServiceSearch(query, service);

  it('finds by name, pinyin inside the name and initials from its start', () => {
    for (const query of ['', '  ', '网站', '变更', '网站 变更', 'wzbg', 'WZBG', 'wz', 'wangzhan', 'wang zhan', "wang'zhan", 'biangeng', 'shenqing']) expect(finds(query), query).toBe(true);
    for (const query of ['zbg', 'wzbgx', 'wangzhanx', '网页', '%', '_', '。']) expect(finds(query), query).toBe(false);
  });

  it('finds by a mix of characters and initials, each in its place', () => {
    for (const query of ['网站bg', 'wz变更', '网z变g', '变更sq']) expect(finds(query), query).toBe(true);
    for (const query of ['网站gb', '网bg', 'bg网站']) expect(finds(query), query).toBe(false);
  });

  it('finds by any stored reading of a polyphonic character, and letters in a name stand for themselves', () => {
    expect(finds('xingzheng', car)).toBe(true);
    expect(finds('hangzheng', car)).toBe(true);
    expect(finds('hzyc', car)).toBe(true);
    expect(finds('vpn', vpn)).toBe(true);
    expect(finds('vpnzh', vpn)).toBe(true);
    expect(finds('vpn账号', vpn)).toBe(true);
    expect(finds('vpn账h', vpn)).toBe(true);
  });
});
