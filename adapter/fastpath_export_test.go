package adapter

// ApplyDevalueFastPath is the devalue fast path's Apply, for the tests in adapter_test.
var ApplyDevalueFastPath = devalueStringifyString.Apply
