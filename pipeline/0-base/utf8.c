/*
 * utf8: validation, sanitising and folding of UTF-8 text with utf8proc.
 */
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

int utf8_validate(const char *text, size_t len, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		/* ASCII fast path: eight bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* high bit set, or a zero byte */
			if ((w & 0x8080808080808080ULL) ||
			    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			*bad_at = i;
			return -1;
		}
		i += (size_t)n;
	}
	return 0;
}

size_t utf8_sanitize(const char *text, size_t len, strbuf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, start = 0, fixed = 0;
	int32_t cp;

	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		sb_add(out, text + start, i - start);
		sb_adds(out, "\xEF\xBF\xBD");
		fixed++;
		i++;
		start = i;
	}
	sb_add(out, text + start, len - start);
	return fixed;
}

/*
 * p[0..n) read as UTF-16 (unit 2) or UTF-32 (unit 4), big- or little-
 * endian: -1 when it cannot be text in it (a NUL, a control other than
 * tab and line ends, a lone surrogate, past U+10FFFF), else how many of its
 * characters are Latin (below U+0250), which text in the right byte order
 * mostly is and in the wrong one hardly; *chars is how many characters.
 */
static long wide_latin(const unsigned char *p, size_t n, int unit, int be, size_t *chars)
{
	long latin = 0;
	*chars = 0;
	for (size_t i = 0; i + (size_t)unit <= n; i += (size_t)unit) {
		uint32_t u = 0;
		for (int k = 0; k < unit; k++)
			u |= (uint32_t)p[i + (size_t)(be ? unit - 1 - k : k)] << (8 * k);
		if (unit == 2 && u >= 0xD800 && u <= 0xDBFF && i + 4 <= n) {
			uint32_t lo = be ? (uint32_t)p[i + 2] << 8 | p[i + 3] : (uint32_t)p[i + 3] << 8 | p[i + 2];
			if (lo < 0xDC00 || lo > 0xDFFF)
				return -1;
			i += 2; /* a pair: one character beyond the BMP */
			++*chars;
			continue;
		}
		if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || (u >= 0xD800 && u <= 0xDFFF) ||
		    u > 0x10FFFF)
			return -1;
		latin += u < 0x250;
		++*chars;
	}
	return latin;
}

const char *utf8_wide_encoding(const char *head, size_t n)
{
	const unsigned char *p = (const unsigned char *)head;
	if (n >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) ||
		       (!p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF)))
		return "UTF-32";
	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return "UTF-16";
	/* No byte order mark: NULs in a quarter of the bytes or more (UTF-16
	   has one in every other byte of Latin text, UTF-8 text none), and
	   two characters or more that read as text in one of them, three in
	   four Latin. A binary file has NULs too, but does not read as text. */
	if (n > 4096)
		n = 4096;
	size_t zeros = 0;
	for (size_t i = 0; i < n; i++)
		zeros += !p[i];
	if (n < 4 || zeros * 4 < n)
		return NULL;
	static const struct {
		int unit, be;
		const char *name;
	} wide[] = { { 4, 0, "UTF-32LE" }, { 4, 1, "UTF-32BE" }, { 2, 0, "UTF-16LE" }, { 2, 1, "UTF-16BE" } };
	for (size_t k = 0; k < 4; k++) {
		size_t chars;
		long latin = wide_latin(p, n, wide[k].unit, wide[k].be, &chars);
		if (chars >= 2 && latin >= 0 && (size_t)latin * 4 >= chars * 3)
			return wide[k].name;
	}
	return NULL;
}

/* name quoted for a shell when it needs to be */
static void shell_word(strbuf *sb, const char *name, size_t n)
{
	size_t plain = 0;
	while (plain < n && (strchr("._-/+,:=@%", name[plain]) ||
			     (name[plain] >= '0' && name[plain] <= '9') ||
			     ((name[plain] | 0x20) >= 'a' && (name[plain] | 0x20) <= 'z')))
		plain++;
	if (plain == n && n) {
		sb_add(sb, name, n);
		return;
	}
	sb_addc(sb, '\'');
	for (size_t i = 0; i < n; i++) {
		if (name[i] == '\'')
			sb_adds(sb, "'\\''");
		else
			sb_addc(sb, name[i]);
	}
	sb_addc(sb, '\'');
}

int utf8_reject_wide(const char *name, const char *head, size_t n)
{
	const char *enc = utf8_wide_encoding(head, n);
	if (!enc)
		return 0;
	error_set_code(EXIT_INPUT);
	size_t family = 6; /* "UTF-16", "UTF-32" */
	strbuf cmd;
	sb_init(&cmd);
	sb_addf(&cmd, "iconv -f %s -t UTF-8", enc);
	if (!strcmp(name, "<stdin>") || !strcmp(name, "-")) {
		error("%s: the input is %.*s, not UTF-8; convert it on the way: %s", name, (int)family,
		      enc, cmd.buf);
	} else {
		/* the converted file beside it: answers.csv -> answers-utf8.csv */
		const char *slash = strrchr(name, '/'), *dot = strrchr(name, '.');
		size_t stem = dot && dot > (slash ? slash : name) ? (size_t)(dot - name) : strlen(name);
		strbuf out;
		sb_init(&out);
		sb_add(&out, name, stem);
		sb_adds(&out, "-utf8");
		sb_adds(&out, name + stem);
		sb_addc(&cmd, ' ');
		shell_word(&cmd, name, strlen(name));
		sb_adds(&cmd, " > ");
		shell_word(&cmd, out.buf, out.len);
		error("%s: the file is %.*s, not UTF-8; convert it with: %s", name, (int)family, enc,
		      cmd.buf);
		sb_release(&out);
	}
	sb_release(&cmd);
	return -1;
}

size_t utf8_bom_len(const char *text, size_t len)
{
	return (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
}

void utf8_fold(const char *s, size_t n, strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		/* a run of printable ASCII, then one character of anything else */
		sb_grow(out, n - i);
		size_t k = utf8_fold_ascii(s + i, n - i, out->buf + out->len);
		out->len += k;
		out->buf[out->len] = '\0';
		if ((i += k) == n)
			break;
		int32_t cp;
		int len = utf8_decode(p + i, n - i, &cp);
		if (len < 0) { /* not expected: callers validate */
			i++;
			continue;
		}
		i += (size_t)len;
		if (cp < 0x80) {
			sb_addc(out, (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp));
			continue;
		}
		utf8proc_int32_t buf[18];
		int boundclass = UTF8PROC_BOUNDCLASS_START;
		utf8proc_ssize_t m = utf8proc_decompose_char(
			cp, buf, 18,
			UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
				UTF8PROC_STRIPMARK | UTF8PROC_LUMP,
			&boundclass);
		if (m < 0 || m > 18)
			continue;
		for (utf8proc_ssize_t k = 0; k < m; k++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t el = utf8proc_encode_char(buf[k], enc);
			sb_add(out, enc, (size_t)el);
		}
	}
}

/* ASCII classes, indexed by byte. */
static const unsigned char ascii_class[128] = {
#define S CP_SPACE
#define L CP_LETTER
#define D CP_DIGIT
#define P CP_PUNCT
#define Y CP_SYMBOL
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* controls */
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, P, P, Y, Y, Y, Y, CP_APOS, P, P, Y, Y, P, CP_DASH, P, P, /*  !"#$%&'()*+,-./ */
	D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P, /* 0-9 :;<=>? */
	Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* @A-O */
	L, L, L, L, L, L, L, L, L, L, L, P, Y, P, Y, P, /* P-Z [\]^_ */
	CP_APOS, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* `a-o */
	L, L, L, L, L, L, L, L, L, L, L, P, Y, P, Y, S, /* p-z {|}~ DEL */
#undef S
#undef L
#undef D
#undef P
#undef Y
};

int utf8_plain(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x00B4:
	case 0x02BC:
		return '\'';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2212:
		return '-';
	case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
		return '"';
	}
	return 0;
}

enum cp_class utf8_class(int32_t cp)
{
	if (cp < 0x80)
		return (enum cp_class)ascii_class[cp];
	switch (utf8_plain(cp)) {
	case '\'':
		return CP_APOS;
	case '-':
		return CP_DASH;
	}
	switch (cp) {
	case 0x00AD: /* the soft hyphen: a dash to the tokeniser, not to regexes */
		return CP_DASH;
	case 0x200D: case 0xFE0F: case 0xFE0E:
		return CP_JOINER;
	case 0xFFFD:
		return CP_SYMBOL;
	}
	if (cp >= 0x1F3FB && cp <= 0x1F3FF)
		return CP_JOINER;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return CP_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return CP_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
		return CP_SPACE;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return CP_PUNCT;
	default:
		return CP_SYMBOL;
	}
}

int utf8_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}
