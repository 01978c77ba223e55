// Typed wrappers for the parts of libcurl Swift cannot call directly.
// Only Sources/LookoutCurl/Curl.swift imports this module.
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are C variadic functions,
// which Swift refuses to call ("Variadic function is unavailable"). Each wrapper below
// fixes the type of the single variadic argument, so the compiler checks at every call
// site that an option gets the argument type libcurl reads for it.
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

#include <curl/curl.h>

// For options libcurl reads as `long` (timeouts, booleans, limits).
static inline CURLcode CCurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

// For options libcurl reads as `curl_off_t` (the *_LARGE sizes); passing a `long` there
// is undefined behaviour on 32-bit targets, so it gets its own wrapper.
static inline CURLcode CCurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

// For string options. libcurl copies the string (since 7.17.0), so the caller's buffer
// only has to live for the duration of the call.
static inline CURLcode CCurl_easy_setopt_str(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

// For options libcurl keeps as a raw pointer without copying (WRITEDATA, HEADERDATA,
// ERRORBUFFER, PRIVATE): the caller must keep the pointee alive until the transfer ends.
static inline CURLcode CCurl_easy_setopt_ptr(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

// For CURLOPT_HTTPHEADER: libcurl keeps the list without copying it, so the caller frees
// it with curl_slist_free_all only after the transfer has finished.
static inline CURLcode CCurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

// The signature libcurl calls for CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*CCurl_data_callback)(char *data, size_t size, size_t count, void *userdata);

// For CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION: a C function pointer must go
// through the variadic slot typed as exactly this pointer type.
static inline CURLcode CCurl_easy_setopt_data_callback(CURL *handle, CURLoption option, CCurl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

// For CURLINFO_* values of type long (response code, connection count, HTTP version).
static inline CURLcode CCurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

// For CURLINFO_* values of type curl_off_t (the *_T timings, in microseconds).
static inline CURLcode CCurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

// For CURLINFO_* values of type char* (effective URL). The string belongs to the handle.
static inline CURLcode CCurl_easy_getinfo_str(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

// For CURLMOPT_* values of type long (connection cache size, per-host limits, multiplexing).
static inline CURLMcode CCurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

// CURL_GLOBAL_DEFAULT is a macro built from other macros, which Swift does not import.
static inline CURLcode CCurl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

// CURLMsg.data is an anonymous-member union; reading the transfer result through a
// function keeps the union access in C, where its layout is defined.
static inline CURLcode CCurl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
