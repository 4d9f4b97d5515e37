import { describe, expect, it } from 'vitest';
import {
  cleanText,
  companyNameKey,
  creditCodeCheckChar,
  creditCodeProblem,
  emailKey,
  escapeLike,
  normalizeCreditCode,
  normalizeWidth,
  orgCodeCheckChar,
  phoneKey,
  validateCreditCode,
} from './index.ts';

/** A valid code built from 15 chosen characters: organisation check char, then the code's check char. */
function makeCode(head8: string, org8: string): string {
  const first17 = head8 + org8 + orgCodeCheckChar(org8);
  return first17 + creditCodeCheckChar(first17);
}

describe('normalizeWidth / cleanText', () => {
  it('turns full-width ASCII and the ideographic space half-width, leaving Chinese alone', () => {
    expect(normalizeWidth('ＡＢＣ１２３（中国）　科技＠')).toBe('ABC123(中国) 科技@');
    expect(cleanText('  演示\u3000\u3000科技  有限公司 ')).toBe('演示 科技 有限公司');
  });
});

describe('companyNameKey', () => {
  it.each([
    ['演示科技有限公司', '演示科技'],
    ['演示科技股份有限公司', '演示科技'],
    ['演示科技有限责任公司', '演示科技'],
    ['演示科技公司', '演示科技'],
    [' 演示 科技（中国）有限公司 ', '演示科技'],
    ['演示科技(中国)有限公司', '演示科技'],
    ['ＡＣＭＥ　Ｃｏ．， Ｌｔｄ．', 'acme'],
    ['Acme (China) Co., Ltd.', 'acme'],
    ['ACME Inc.', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme Corporation', 'acme'],
    ['某某集团有限公司', '某某集团'],
    ['某某集团', '某某集团'],
    ['演示·科技-有限公司', '演示科技'],
  ])('%s → %s', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  it('keeps what names a different entity: branches, regions, words that merely end like a legal form', () => {
    expect(companyNameKey('某某有限公司北京分公司')).not.toBe(companyNameKey('某某有限公司'));
    expect(companyNameKey('某某(上海)有限公司')).toBe('某某上海');
    expect(companyNameKey('Costco')).toBe('costco');
    expect(companyNameKey('Disco Inc')).toBe('disco');
  });

  it('never returns an empty key for a name that is only a legal form', () => {
    expect(companyNameKey('有限公司')).toBe('有限公司');
    expect(companyNameKey('Company')).toBe('company');
    expect(companyNameKey('张三')).toBe('张三');
  });
});

describe('phoneKey', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['+86 139-1234-5678', '13912345678'],
    ['0086 139 1234 5678', '13912345678'],
    ['8613912345678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'],
    ['010-12345678', '01012345678'],
    ['(0755) 8888 6666', '075588886666'],
    ['+86 10 1234 5678', '01012345678'],
    ['+86-755-8888-6666', '075588886666'],
    ['010-12345678 转 801', '01012345678'],
    ['139 1234 5678 / 138 0000 0000', '13912345678'],
  ])('%s → %s', (phone, key) => {
    expect(phoneKey(phone)).toBe(key);
  });

  it('answers null for nothing', () => {
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey(' - ')).toBeNull();
  });
});

describe('emailKey', () => {
  it('trims, lower-cases and half-widths', () => {
    expect(emailKey('  Sales@Example.COM ')).toBe('sales@example.com');
    expect(emailKey('ｓａｌｅｓ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('sales@example.com');
    expect(emailKey('  ')).toBeNull();
  });
});

describe('validateCreditCode (GB 32100-2015, with the GB 11714 organisation code inside)', () => {
  // Published codes of well-known companies.
  it.each(['914403001922038216', '91440300708461136T', '91330100716105852F'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(validateCreditCode(code)).toBe(true);
  });

  it('accepts constructed codes of every registration kind and check characters at the edges', () => {
    const codes = [
      makeCode('91110108', 'MA01ABCD'),
      makeCode('12100000', '40000123'),
      makeCode('52310000', '50000777'),
      makeCode('92440101', 'MA59XYTQ'),
      makeCode('Y1330100', '00000000'),
    ];
    for (const code of codes) expect(validateCreditCode(code), code).toBe(true);
    // an organisation code whose check character is X (11 - 1) and one whose is 0 (11 - 0)
    expect(orgCodeCheckChar('00000006')).toBe('X');
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(validateCreditCode(makeCode('91310000', '00000006'))).toBe(true);
  });

  it('accepts lower case, full width, spaces and dashes by normalising first', () => {
    expect(normalizeCreditCode(' 9144-0300 7084 6113 6t ')).toBe('91440300708461136T');
    expect(validateCreditCode('91440300708461136t')).toBe(true);
    expect(validateCreditCode('９１４４０３００７０８４６１１３６Ｔ')).toBe(true);
  });

  it('refuses wrong length, letters outside the alphabet, letters in the division code and bad check characters', () => {
    expect(creditCodeProblem('91440300708461136')).toBe('length');
    expect(creditCodeProblem('91440300708461136TT')).toBe('length');
    expect(creditCodeProblem('91440300708461136I')).toBe('charset');
    expect(creditCodeProblem('9144030O708461136T')).toBe('charset');
    expect(creditCodeProblem('914A0300708461136T')).toBe('charset');
    expect(creditCodeProblem('91440300708461136U')).toBe('checksum');
    expect(creditCodeProblem('914403001922038217')).toBe('checksum');
    // body and final check character consistent, but the organisation code's own check character wrong
    const first17 = `91110108MA01ABCD${orgCodeCheckChar('MA01ABCD') === '1' ? '2' : '1'}`;
    expect(creditCodeProblem(first17 + creditCodeCheckChar(first17))).toBe('org_code');
    expect(validateCreditCode('')).toBe(false);
  });

  it('catches every single-character typo of a valid code', () => {
    const code = '914403001922038216';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(validateCreditCode(typo), typo).toBe(false);
      }
    }
  });
});

describe('escapeLike', () => {
  it('escapes wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
