//! Proxy URL recognisers (in progress).
