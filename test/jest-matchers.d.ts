// Typings of cdktf's jest matchers, which test/setup.js registers.
import 'cdktf/lib/testing/adapters/jest';
