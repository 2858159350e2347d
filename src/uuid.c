/* uuid.c - version 5 UUIDs (RFC 4122, 4.3). */
#include "config.h"
#include "uuid.h"

#include <ctype.h>
#include <string.h>

#include "sha.h"

bool uuid_is_text(const char *s)
{
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return s[36] == '\0';
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

bool uuid_v5(const char *ns, const char *name, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char bin[16], d[20];
	struct sha1 c;
	int k = 0;

	if (!uuid_is_text(ns))
		return false;
	for (int i = 0; i < 36; i++)
		if (ns[i] != '-') {
			bin[k / 2] = (unsigned char)(k % 2 ? (bin[k / 2] | hexval(ns[i]))
			                                   : hexval(ns[i]) << 4);
			k++;
		}
	sha1_init(&c);
	sha1_update(&c, bin, 16);
	sha1_update(&c, name, strlen(name));
	sha1_final(&c, d);
	d[6] = (unsigned char)((d[6] & 0x0F) | 0x50);     /* version 5 */
	d[8] = (unsigned char)((d[8] & 0x3F) | 0x80);     /* RFC 4122 variant */
	k = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[d[i] >> 4];
		out[k++] = hex[d[i] & 15];
	}
	out[36] = '\0';
	return true;
}
