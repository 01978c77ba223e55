// The HTTP vocabulary (methods, statuses, header fields, problem details, JSON strings)
// lives in the leaf module LookoutHTTPTypes, shared with the curl client and the
// simulator; LookoutHTTP re-exports it so `import LookoutHTTP` keeps providing it.
@_exported import LookoutHTTPTypes
