//! Finds UIHook markup inside JavaScript and TypeScript sources (`htm`
//! tagged templates, plain template strings and string literals) and lints
//! it with the compiler, reporting every diagnostic at its position in the
//! original source file.
