// The compiled launcher's text: reading records, decoding their fields, writing status lines (see launcher.c).
#include "launcher.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// Writes all of a buffer, retrying after interruptions; false on any other error.
int write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    buf += n;
    len -= (size_t)n;
  }
  return 1;
}

// Reads exactly len bytes; 0 at end of input before the first byte, -1 on a short or failed read.
int read_exact(int fd, char *buf, size_t len) {
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, buf + got, len - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return got == 0 ? 0 : -1;
    got += (size_t)n;
  }
  return 1;
}

// Decodes a field in place as bash's printf %b does for what protocol.ts escapes: \\, \n, \t and \xHH.
void decode(char *s) {
  if (strchr(s, '\\') == NULL) return;
  char *out = s;
  for (char *p = s; *p;) {
    if (*p != '\\' || p[1] == '\0') {
      *out++ = *p++;
      continue;
    }
    char c = p[1];
    if (c == 'n') *out++ = '\n', p += 2;
    else if (c == 't') *out++ = '\t', p += 2;
    else if (c == '\\') *out++ = '\\', p += 2;
    else if (c == 'x') {
      int value = 0, digits = 0;
      p += 2;
      while (digits < 2) {
        char h = *p;
        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (d < 0) break;
        value = value * 16 + d;
        p++;
        digits++;
      }
      if (digits == 0) *out++ = '\\', *out++ = 'x';
      else *out++ = (char)value;
    } else *out++ = *p++;
  }
  *out = '\0';
}

// Epoch time as bash's $EPOCHREALTIME prints it: seconds.microseconds.
void now_text(char *buf, size_t size) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  snprintf(buf, size, "%lld.%06ld", (long long)ts.tv_sec, ts.tv_nsec / 1000);
}

// Splits a record at runs of tabs, as bash splits it with IFS set to a tab; returns the field count.
int split(char *rec, char ***fields, int *cap) {
  int n = 0;
  for (char *p = rec; *p;) {
    while (*p == '\t') *p++ = '\0';
    if (*p == '\0') break;
    if (n == *cap) {
      *cap *= 2;
      *fields = realloc(*fields, (size_t)*cap * sizeof **fields);
    }
    (*fields)[n++] = p;
    while (*p && *p != '\t') p++;
  }
  if (n == *cap) *fields = realloc(*fields, (size_t)(*cap += 1) * sizeof **fields);
  (*fields)[n] = NULL; // words end there for execve
  return n;
}
