module kitwasm.test/computeapp

go 1.23.12

require github.com/fastly/compute-sdk-go v1.9.0
