// hiredis 0.14 (Debian's libhiredis-dev) for Swift. Only
// Sources/LookoutRedis/Hiredis/Hiredis.swift imports this module.
//
// LookoutRedis does its own socket I/O; it uses hiredis for what it does well:
// formatting commands (redisFormatCommandArgv, binary-safe) and parsing replies
// (redisReader). The variadic redisCommand/redisFormatCommand are unusable from Swift,
// and the reader's accessors are function-like macros Swift does not import, so the
// wrappers below give them typed signatures.
#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H

#include <hiredis/hiredis.h>
#include <hiredis/read.h>

// Formats one command as RESP bytes; returns the length, or -1 when out of memory.
// Free *out with CHiredis_free_command.
static inline long long CHiredis_format_argv(char **out, int argc, const char **argv, const size_t *lengths) {
    return (long long)redisFormatCommandArgv(out, argc, argv, lengths);
}

static inline void CHiredis_free_command(char *command) {
    redisFreeCommand(command);
}

// A reply parser fed with bytes read from a socket. NULL when out of memory.
static inline redisReader *CHiredis_reader_create(void) {
    redisReader *reader = redisReaderCreate();
    // Keep the reader's buffer between feeds instead of freeing it above 16 KiB idle:
    // the connection feeds it for its whole life.
    if (reader != NULL) reader->maxbuf = 0;
    return reader;
}

static inline void CHiredis_reader_free(redisReader *reader) {
    redisReaderFree(reader);
}

// REDIS_OK or REDIS_ERR (the reader's error is then sticky; see CHiredis_reader_error).
static inline int CHiredis_reader_feed(redisReader *reader, const char *bytes, size_t length) {
    return redisReaderFeed(reader, bytes, length);
}

// REDIS_OK with *reply NULL when no complete reply is buffered yet; REDIS_ERR on a
// protocol error. Free a non-NULL *reply with CHiredis_free_reply.
static inline int CHiredis_reader_get_reply(redisReader *reader, redisReply **reply) {
    return redisReaderGetReply(reader, (void **)reply);
}

// The reader's error text (a NUL-terminated array inside the reader).
static inline const char *CHiredis_reader_error(const redisReader *reader) {
    return reader->errstr;
}

static inline void CHiredis_free_reply(redisReply *reply) {
    freeReplyObject(reply);
}

#endif
