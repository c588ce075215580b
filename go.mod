module github.com/kitwasm/kitwasm

go 1.26.8

require (
	github.com/evanw/esbuild v0.28.2
	github.com/fastly/compute-sdk-go v1.9.0
	github.com/fastschema/qjs v0.0.6
	github.com/stretchr/testify v1.11.1
	github.com/tetratelabs/wazero v1.11.0
	golang.org/x/net v0.63.0
	golang.org/x/sys v0.50.0
	golang.org/x/text v0.44.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
