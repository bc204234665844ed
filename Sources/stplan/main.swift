import STPlanCLI

STPlanCommand.main()
