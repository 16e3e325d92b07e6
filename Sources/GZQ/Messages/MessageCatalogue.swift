// The catalogue of every diagnostic gzq shows: one stable id per message, its severity, its
// English and Simplified Chinese text, and for docs/zh/错误.md and docs/ERRORS.md the fix and an
// example program. Raise sites name an entry (`RuntimeError(.unknownColumn, name, hint, at:)`);
// the text lives only here. Ids: E01xx lexing, E02xx parsing and habit hints, E03xx names,
// E04xx types and operators, E05xx tables/columns/stages, E06xx functions and arguments, E07xx
// files/CSV/JSON/encodings, E08xx limits and sandbox, E09xx host/embedding/command line, E10xx
// workbooks and ZIP, W01xx warnings, N01xx fragments (parts of other messages, never shown
// alone), E0000 a message not yet catalogued. An id never changes meaning; a retired id is not
// reused. Slots `{0}`, `{1}`… are filled with names, numbers and code as written (never
// translated) or with nested messages (translated with the message).
// DiagnosticCatalogueTests checks: no id twice, every entry has Chinese text using only the
// English slots, every example raises its id, and no raise site passes a bare string.

/// Every entry of the message catalogue; the raw value is the stable id.
public enum Msg: String, CaseIterable, Sendable {
    // E00xx
    case uncatalogued = "E0000"
    // E01xx — lexing
    case unterminatedInterpolation = "E0101"
    case unknownEscapeSequence = "E0102"
    case unicodeEscapeForm = "E0103"
    case invalidUnicodeScalar = "E0104"
    case curlyQuotes = "E0105"
    case fullWidthPunctuation = "E0106"
    case unterminatedQuotedName = "E0110"
    case emptyQuotedName = "E0111"
    case dateLiteralForm = "E0112"
    case invalidDateLiteral = "E0113"
    case unterminatedString = "E0114"
    case bangIsNot = "E0115"
    case lonelyQuestionMark = "E0116"
    case percentNotOperator = "E0117"
    case unexpectedCharacter = "E0118"
    case sourceInvalidUTF8 = "E0119"
    // E02xx — parsing and habit hints
    case notAStage = "E0201"
    case expectedFieldName = "E0202"
    case expectedExpression = "E0203"
    case expectedRecordField = "E0204"
    case expectedCatch = "E0205"
    case expectedInterpolationEnd = "E0206"
    case comparisonChained = "E0207"
    case positionalAfterNamed = "E0208"
    case duplicateRecordField = "E0209"
    case emptyInterpolation = "E0210"
    case expectedToken = "E0211"
    case expectedEndOfStatement = "E0212"
    case expectedBrace = "E0213"
    case expectedFound = "E0214"
    case assignToNonVariable = "E0215"
    case importPathNotString = "E0216"
    case duplicateParameter = "E0217"
    case parameterNeedsDefault = "E0218"
    case totalNeedsBy = "E0219"
    case joinNeedsOn = "E0220"
    case unpivotNeedsInto = "E0221"
    case expectedNameExpression = "E0222"
    case singleEquals = "E0230"
    case notAnOperator = "E0231"
    case upperCaseWord = "E0232"
    case isNull = "E0233"
    case selectStar = "E0234"
    case countStar = "E0235"
    case parenthesizedList = "E0236"
    case pipelineInArguments = "E0237"
    case nullAsArgumentName = "E0238"
    // E03xx — names and resolution
    case formatStageArgument = "E0301"
    case formatTakesDigits = "E0302"
    case functionDefinedTwice = "E0303"
    case assignToBuiltin = "E0304"
    case assignToUndeclaredVariable = "E0305"
    case returnOutsideFunction = "E0306"
    case breakOutsideLoop = "E0307"
    case continueOutsideLoop = "E0308"
    case undefinedVariable = "E0309"
    case undefinedFunction = "E0310"
    case argumentGivenTwice = "E0311"
    case colTakesOneName = "E0312"
    case windowFunctionOutsideDerive = "E0313"
    case stageFunctionHasNoParameter = "E0314"
    case stageFunctionTooManyArguments = "E0315"
    case stageFunctionMissingArgument = "E0316"
    case unknownName = "E0317"
    case aggregateInRowStage = "E0320"
    // E04xx — types and operators
    case cannotCombine = "E0401"
    case integerOverflow = "E0402"
    case cannotNegate = "E0403"
    case cannotCompareWithOperator = "E0404"
    case inStringNeedsString = "E0405"
    case inNeedsCollection = "E0406"
    case rangeNeedsInts = "E0407"
    case rangeTooLong = "E0408"
    case cannotCall = "E0409"
    case cannotIndex = "E0410"
    case indexOutOfRange = "E0411"
    case recordHasNoField = "E0412"
    case noFields = "E0413"
    case notIterable = "E0414"
    case unevaluableNode = "E0415"
    case mixedEqualityDate = "E0418"
    case mixedEqualityNumber = "E0419"
    case cellCannotHold = "E0416"
    case columnMixesTypes = "E0417"
    // E05xx — tables, columns and stages
    case aggregateNeedsNumbers = "E0501"
    case sumNeedsNumbers = "E0502"
    case trendLengthsDiffer = "E0503"
    case trendNeedsNumbers = "E0504"
    case forecastNeedsNumber = "E0505"
    case checkConditionNotBool = "E0506"
    case columnSelectedTwice = "E0507"
    case renameTargetExists = "E0508"
    case appendNeedsTable = "E0509"
    case pivotDuplicateCell = "E0510"
    case pivotColumnExists = "E0511"
    case completeColumnIsKey = "E0512"
    case completeNeedsList = "E0513"
    case completeNullValue = "E0514"
    case completeValueTwice = "E0515"
    case completeValueType = "E0516"
    case formatNeedsNumberColumn = "E0517"
    case formatDigitsOutOfRange = "E0518"
    case columnOutsideAggregate = "E0519"
    case joinNeedsTable = "E0520"
    case joinKeyMissing = "E0521"
    case sortCannotCompare = "E0522"
    case takeNeedsCount = "E0523"
    case stageNeedsTable = "E0524"
    case inColumn = "E0525"
    case unknownColumn = "E0526"
    case colNeedsString = "E0527"
    case functionNeedsTableStage = "E0528"
    case functionNeedsDerive = "E0529"
    case totalKeyOutsideAggregate = "E0530"
    case totalLabelNotText = "E0531"
    case totalLabelType = "E0532"
    case unpivotSameNames = "E0533"
    case unpivotColumnExists = "E0534"
    case unpivotTooManyRows = "E0535"
    case unpivotColumnTwice = "E0536"
    case unpivotNothingLeft = "E0537"
    case unpivotValueTypesDiffer = "E0538"
    case windowCountNegative = "E0539"
    case movingAvgWindowTooSmall = "E0540"
    case rankDescNotBool = "E0541"
    case yoyPeriodNotInt = "E0542"
    case yoyPeriodRepeated = "E0543"
    case checkFailed = "E0550"
    // E06xx — functions and arguments
    case chartYNamesNoColumn = "E0601"
    case chartYNotNumbers = "E0602"
    case chartYTwice = "E0603"
    case chartDuplicatePoint = "E0604"
    case chartNoColumn = "E0605"
    case chartYNotColumns = "E0606"
    case chartKindInvalid = "E0607"
    case chartFailed = "E0608"
    case sparklineItemType = "E0609"
    case writeHtmlItemType = "E0610"
    case notCallable = "E0611"
    case functionHasNoParameter = "E0612"
    case wrongArgumentCount = "E0613"
    case missingArgument = "E0614"
    case argumentType = "E0615"
    case intConversionOutOfRange = "E0616"
    case intParseFailed = "E0617"
    case floatParseFailed = "E0618"
    case invalidDate = "E0619"
    case scale10OutOfRange = "E0620"
    case cannotCompareWith = "E0621"
    case outsideIntRange = "E0622"
    case stdlibImport = "E0623"
    case printRowsInvalid = "E0624"
    case printRowsWithoutTable = "E0625"
    case rateNeedsNumbers = "E0626"
    case changeNeedsNumbers = "E0627"
    case ppNeedsNumbers = "E0628"
    case parseNumFailed = "E0629"
    case replaceOldEmpty = "E0630"
    case colOutsideStage = "E0631"
    case windowFunctionCalledDirectly = "E0632"
    case tableFieldNotList = "E0633"
    case tableColumnLengthsDiffer = "E0634"
    case tableNeedsRecords = "E0635"
    case tableFailed = "E0636"
    case tooManyDigits = "E0637"
    case figureNotANumber = "E0638"
    case userError = "E0650"
    // E07xx — files, CSV/JSON, encodings
    case writeCsvBomNotBool = "E0701"
    case writeCsvEncodingInvalid = "E0702"
    case writeCsvBomNotUTF8 = "E0703"
    case writeCsvEmptyColumnName = "E0704"
    case writeCsvFailed = "E0705"
    case readEncoding = "E0706"
    case skipNotANonNegativeInt = "E0707"
    case nullsNotAList = "E0708"
    case nullsItemNotString = "E0709"
    case trimNotBool = "E0710"
    case numbersOptionInvalid = "E0711"
    case sepOptionInvalid = "E0712"
    case writeCsvSeparatorInvalid = "E0713"
    case skipPastEnd = "E0714"
    case invalidUTF8At = "E0715"
    case csvSeparatorInvalid = "E0716"
    case csvIsAWorkbook = "E0717"
    case rowFieldCount = "E0718"
    case rowFieldCountAtEnd = "E0719"
    case emptyColumnName = "E0720"
    case duplicateCsvColumnName = "E0721"
    case unterminatedQuotedField = "E0722"
    case textAfterClosingQuote = "E0723"
    case quoteInUnquotedField = "E0724"
    case invalidUTF8ByteAt = "E0725"
    case jsonUnterminatedArray = "E0726"
    case jsonExpectedArraySeparator = "E0727"
    case jsonTextAfterArray = "E0728"
    case jsonExpectedKey = "E0729"
    case jsonDuplicateKey = "E0730"
    case jsonExpectedColon = "E0731"
    case jsonUnterminatedObject = "E0732"
    case jsonExpectedObjectSeparator = "E0733"
    case jsonEmptyKey = "E0734"
    case jsonEndExpectedValue = "E0735"
    case jsonNestedValue = "E0736"
    case jsonExpectedValue = "E0737"
    case jsonMixedTypes = "E0738"
    case jsonInvalidLiteral = "E0739"
    case jsonInvalidNumber = "E0740"
    case jsonLeadingZeros = "E0741"
    case jsonDigitsAfterPoint = "E0742"
    case jsonDigitsInExponent = "E0743"
    case jsonUnterminatedString = "E0744"
    case jsonControlCharacter = "E0745"
    case jsonUnpairedSurrogate = "E0746"
    case jsonInvalidEscape = "E0747"
    case jsonBadUnicodeEscape = "E0748"
    case utf16ByteOrderMark = "E0749"
    case characterNotEncodable = "E0750"
    case jsonValueMissing = "E0751"
    case jsonValueNotSingle = "E0752"
    case noHeaderAfterSkipped = "E0760"
    case emptyCsvFile = "E0761"
    case expectedArrayOfObjects = "E0762"
    case emptyJsonFile = "E0763"
    case arrayItemNotObject = "E0764"
    case endExpectedObject = "E0765"
    case endsInsideCharacter = "E0766"
    case invalidEncodedBytes = "E0767"
    case notGB18030NorUTF8 = "E0768"
    case notUTF8NorGB18030 = "E0769"
    case inFileAt = "E0770"
    case noSuchFile = "E0771"
    case readFolder = "E0772"
    case cannotRead = "E0773"
    case writeFolder = "E0774"
    case noSuchFolder = "E0775"
    case folderIsFile = "E0776"
    case cannotWrite = "E0777"
    // E08xx — limits and sandbox
    case interrupted = "E0801"
    case stepLimitExceeded = "E0802"
    case timeLimitExceeded = "E0803"
    case stackOverflow = "E0804"
    case tableMemoryLimitExceeded = "E0805"
    case valueMemoryLimitExceeded = "E0806"
    case valueNestedTooDeeply = "E0807"
    case valueTooLarge = "E0808"
    case integerLiteralTooLarge = "E0809"
    case interpolationNestedTooDeeply = "E0810"
    case sourceTooLarge = "E0811"
    case nestingTooDeep = "E0812"
    case noFileAccess = "E0850"
    case tooManySymbolicLinks = "E0851"
    case outsideAllowedFolders = "E0852"
    // E09xx — host, embedding and command line
    case importNotUTF8 = "E0901"
    case cannotImportFile = "E0902"
    case circularImport = "E0903"
    case inFunction = "E0904"
    case hostFunctionFailed = "E0950"
    case foreignProgram = "E0951"
    case reentrantRun = "E0952"
    case hostInput = "E0953"
    case unknownCommand = "E0960"
    case noHelpTopic = "E0961"
    case loadNeedsFile = "E0962"
    case loadNotUTF8 = "E0963"
    case bytecodeNeedsExpression = "E0964"
    case schemaNeedsExpression = "E0965"
    case schemaNeedsTable = "E0966"
    case timeTakesOnOff = "E0967"
    case unknownFormat = "E0968"
    case unknownEngine = "E0969"
    case maxRowsNeedsNumber = "E0970"
    case nothingToPipe = "E0971"
    case usageError = "E0980"
    case optionNeedsValue = "E0981"
    case onlyOneExpression = "E0982"
    case unknownOutputFormat = "E0983"
    case unknownEngineOption = "E0984"
    case threadsOption = "E0993"
    case sandboxNoSuchFolder = "E0985"
    case sandboxNotAFolder = "E0986"
    case maxStepsNeedsPositive = "E0987"
    case maxMemoryNeedsPositive = "E0988"
    case timeoutNeedsPositive = "E0989"
    case unknownLanguage = "E0990"
    case unknownOption = "E0991"
    case scriptUnreadable = "E0992"
    case internalError = "E0999"
    // E10xx — workbooks (.xlsx) and ZIP
    case badCellReference = "E1001"
    case rowTooWide = "E1002"
    case cellOutsideRow = "E1003"
    case badRowNumber = "E1004"
    case cellInsideCell = "E1005"
    case badSharedStringIndex = "E1006"
    case badDate = "E1007"
    case unknownCellType = "E1008"
    case emptyNumber = "E1009"
    case cellNotANumber = "E1010"
    case sheetEmpty = "E1011"
    case sheetNoHeaderAfterSkip = "E1012"
    case sheetTooLarge = "E1013"
    case sheetDuplicateColumnName = "E1014"
    case dateOutOfExcelRange = "E1015"
    case sharedStringMissing = "E1016"
    case notAWorkbookNoZipSignature = "E1017"
    case inWorkbook = "E1018"
    case notAWorkbookMissingPart = "E1019"
    case notAWorkbookMainPart = "E1020"
    case noSheetAtIndex = "E1021"
    case noSheetNamed = "E1022"
    case sheetArgumentInvalid = "E1023"
    case chartSheet = "E1024"
    case sheetPartMissing = "E1025"
    case notAWorkbookMissing = "E1026"
    case sheetNameTwice = "E1027"
    case zipNoEndRecord = "E1028"
    case zip64NotSupported = "E1029"
    case zipDirectoryOutside = "E1030"
    case zipBadDirectoryEntry = "E1031"
    case zipNamePastDirectory = "E1032"
    case zipBadLocalHeader = "E1033"
    case zipEntryPastEnd = "E1034"
    case zipEntryTooLarge = "E1035"
    case zipStoredSizesDiffer = "E1036"
    case zipImpossibleSize = "E1037"
    case zipMethodUnsupported = "E1038"
    case zipCRCMismatch = "E1039"
    case zlibInitFailed = "E1040"
    case zipSizeMismatch = "E1041"
    case workbookTooLarge = "E1042"
    case writeXlsxNoTables = "E1043"
    case writeXlsxFieldNotTable = "E1044"
    case writeXlsxFailed = "E1045"
    case readXlsxSkipNegative = "E1046"
    case readXlsxNullsNotStrings = "E1047"
    case readXlsxNumbersInvalid = "E1048"
    case sheetNameEmpty = "E1050"
    case sheetNameTooLong = "E1051"
    case sheetNameForbiddenCharacter = "E1052"
    case sheetNameApostrophe = "E1053"
    case sheetNameControlCharacter = "E1054"
    // E11xx — databases
    case noSuchRemoteTable = "E1101"
    case databaseDateNotISO = "E1102"
    case databaseTimeLimit = "E1103"
    case databaseFailed = "E1104"
    case queryNeedsDatabaseAndSQL = "E1105"
    case networkDatabaseNotGranted = "E1106"
    case postgresConnectFailed = "E1107"
    case writeTableMode = "E1108"
    case sqlNeedsRemoteTable = "E1109"
    // W01xx
    case checkWarning = "W0101"
    // N01xx
    case expectsTable = "N0101"
    case expectsColumnNameListColumnNames = "N0102"
    case expectsChart = "N0103"
    case expectsString = "N0104"
    case expectsInt = "N0105"
    case expectsTrueFalse = "N0106"
    case expectsNumber = "N0107"
    case expectsList = "N0108"
    case expectsFunction = "N0109"
    case expectsStringListRecordTable = "N0110"
    case expectsRecord = "N0111"
    case expectsListString = "N0112"
    case expectsNumberBoolString = "N0113"
    case expectsDate = "N0114"
    case expectsTableRecordTables = "N0115"
    case expectsBasedIndexSheetName = "N0116"
    case expectsBool = "N0117"
    case expectsRecordListsListRecords = "N0118"
    case didYouMean = "N0150"
    case useWhere = "N0151"
    case useTake = "N0152"
    case groupByIsSummarize = "N0153"
    case orderByIsSort = "N0154"
    case quoteToCompare = "N0155"
    case quoteForText = "N0156"
    case joinKeyNamedDifferently = "N0157"
    case relativePathLookedUp = "N0158"
    case permissionDeniedReason = "N0159"
    case couldNotReadOrWrite = "N0160"
    case didYouMeanCommand = "N0161"
    case chartAndGroup = "N0187"
    case aType = "N0188"
    case sheetNamedLikeIndex = "N0190"
    case anType = "N0189"
    case operationAdd = "N0162"
    case operationSubtract = "N0163"
    case operationMultiply = "N0164"
    case operationDivide = "N0165"
    case operationRaise = "N0166"
    case operationRemainder = "N0167"
    case importNotFound = "N0168"
    case jsonEndOfFile = "N0170"
    case jsonByte = "N0171"
    case jsonAString = "N0172"
    case jsonAnArray = "N0173"
    case jsonABool = "N0174"
    case jsonANumber = "N0175"
    case jsonAnObject = "N0176"
    case jsonNumbers = "N0177"
    case jsonBools = "N0178"
    case jsonDates = "N0179"
    case jsonStrings = "N0180"
    case reportNotANumber = "N0181"
    case reportGrouping = "N0182"
    case reportLeadingZeros = "N0183"
    case reportTooLarge = "N0184"
    case expectedDisplayFormat = "N0185"
    case argumentCountRange = "N0186"
    // N02xx
    case contextAfterAs = "N0201"
    case contextAfterCatch = "N0202"
    case contextAfterElse = "N0203"
    case contextAfterFn = "N0204"
    case contextAfterFor = "N0205"
    case contextAfterImport = "N0206"
    case contextAfterLet = "N0207"
    case contextAfterTry = "N0208"
    case contextAfterTheCatchVariable = "N0209"
    case contextAfterTheForHeader = "N0210"
    case contextAfterTheIfCondition = "N0211"
    case contextAfterTheWhileCondition = "N0212"
    case contextAfterTheFieldName = "N0213"
    case contextAfterTheLoopVariable = "N0214"
    case contextAfterTheNameInLet = "N0215"
    case contextBetweenTheNameAndValueColumnsOfInto = "N0216"
    case contextBetweenThePivotKeyAndValueColumns = "N0217"
    case contextForAColumnName = "N0218"
    case contextForAKeyColumn = "N0219"
    case contextForAParameter = "N0220"
    case contextForTheColumn = "N0221"
    case contextForTheColumnOfTheUnpivotedNames = "N0222"
    case contextForTheColumnOfTheUnpivotedValues = "N0223"
    case contextForTheColumnToComplete = "N0224"
    case contextForTheJoinedTableSKeyColumn = "N0225"
    case contextForTheNewColumnName = "N0226"
    case contextForTheOldColumnName = "N0227"
    case contextForThePivotKeyColumn = "N0228"
    case contextForThePivotValueColumn = "N0229"
    case contextInCompleteColumnValues = "N0230"
    case contextInRenameNewOld = "N0231"
    case contextToClose = "N0232"
    case contextToCloseTheArgumentList = "N0233"
    case contextToCloseTheBlock = "N0234"
    case contextToCloseTheIndex = "N0235"
    case contextToCloseTheList = "N0236"
    case contextToCloseTheParameterList = "N0237"
    case contextToCloseTheRecord = "N0238"
    case contextToStartTheParameterList = "N0239"
    case tokenNumber = "N0240"
    case tokenString = "N0241"
    case tokenDate = "N0242"
    case tokenName = "N0243"
    case tokenEndOfLine = "N0244"
    case tokenEndOfInput = "N0245"
    case tokenInvalidText = "N0246"
    case expectsRemoteTable = "N0247"
    case expectsDatabase = "N0248"
    case databaseTablesAre = "N0249"
    case databaseHasNoTables = "N0250"
    case expectsFloat = "N0251"
    case checkFirstRows = "N0252"
    case checkTheRow = "N0253"
    case checkTheRows = "N0254"
    case calledFrom = "N0255"
    case callerTimes = "N0256"
    case moreCallers = "N0257"
    case tokenOther = "N0258"
}

extension Msg {
    /// The entry's texts.
    public var entry: MessageEntry {
        switch self {
        case .uncatalogued: MessageEntry("{0}", "{0}", host: "尚未编入目录的消息（开发中的代码）；正式版本里不会出现。")
        case .unterminatedInterpolation: MessageEntry("unterminated interpolation '\\(' in string", "字符串里的插值 '\\(' 没有结束", example: "let s = \"a\\(1\"")
        case .unknownEscapeSequence: MessageEntry("unknown escape sequence in string (use \\n \\t \\r \\\\ \\\" \\u{…} or \\(…))", "字符串里有无法识别的转义序列（可用 \\n \\t \\r \\\\ \\\" \\u{…} 或 \\(…)）", example: "let s = \"a\\q\"")
        case .unicodeEscapeForm: MessageEntry("a unicode escape is written \\u{4E2D}", "Unicode 转义要写成 \\u{4E2D}", example: "let s = \"\\u4E2D\"")
        case .invalidUnicodeScalar: MessageEntry("invalid unicode scalar \\u{{0}}", "无效的 Unicode 码位 \\u{{0}}", example: "let s = \"\\u{D800}\"")
        case .curlyQuotes: MessageEntry("curly quotes are not string quotes: write straight quotes \"…\"", "字符串不能用中文引号 “” ‘’ 括起来：请改用半角双引号 \"…\"", example: "let s = “贵阳”")
        case .fullWidthPunctuation: MessageEntry("full-width '{0}' in code: write '{1}'", "代码里用了全角符号 '{0}'：请改用半角的 '{1}'（切换到英文输入法再输入）", example: "print(1，2)")
        case .unterminatedQuotedName: MessageEntry("unterminated quoted name", "反引号名称没有结束", example: "let `地区 = 1")
        case .emptyQuotedName: MessageEntry("empty quoted name", "反引号里的名称是空的", example: "let `` = 1")
        case .dateLiteralForm: MessageEntry("a date literal is written @YYYY-MM-DD", "日期要写成 @YYYY-MM-DD（月、日都写两位，如 @2021-06-30）", example: "let d = @2021-6-30")
        case .invalidDateLiteral: MessageEntry("invalid date @{0}", "@{0} 不是有效的日期", example: "let d = @2021-02-30")
        case .unterminatedString: MessageEntry("unterminated string", "字符串没有结束（缺少结尾的引号）", example: "let s = \"贵阳市")
        case .bangIsNot: MessageEntry("unexpected '!' (use 'not' for negation)", "这里不能用 '!'（取反请写 'not'）", example: "let x = !true")
        case .lonelyQuestionMark: MessageEntry("unexpected '?' (did you mean '??'?)", "'?' 不能单独使用（你是不是想写 '??'？）", example: "let x = null ? 1")
        case .percentNotOperator: MessageEntry("'%' is not an operator: use 'mod' for remainders; a percent literal needs digits right before '%'", "'%' 不是运算符：求余数请用 'mod'；写百分数时 '%' 要紧跟在数字后面", example: "let x = 7 % 2")
        case .unexpectedCharacter: MessageEntry("unexpected character '{0}'", "无法识别的字符 '{0}'", example: "let x = 1 $ 2")
        case .sourceInvalidUTF8: MessageEntry("invalid UTF-8 byte 0x{0} at byte offset {1}", "字节偏移 {1} 处的字节 0x{0} 不是有效的 UTF-8", fix: "程序文件要存成 UTF-8 编码（记事本、WPS 另存为时选 UTF-8）。")
        case .notAStage: MessageEntry("'{0}' is not a stage: {1}", "'{0}' 不是步骤：{1}", example: "let t = table({n: [1]})\nt | filter n > 0")
        case .expectedFieldName: MessageEntry("expected a field name after '.'", "'.' 后面应有字段名", example: "let r = {a: 1}\nprint(r.)")
        case .expectedExpression: MessageEntry("expected an expression", "这里应有一个表达式", example: "let x = ")
        case .expectedRecordField: MessageEntry("expected a field name in the record", "记录里应有字段名")
        case .expectedCatch: MessageEntry("expected 'catch' after the 'try' block", "'try' 代码块后面应有 'catch'", example: "let x = try { 1 }")
        case .expectedInterpolationEnd: MessageEntry("expected ')' to end the interpolation", "应有 ')' 结束插值")
        case .comparisonChained: MessageEntry("'{0}' cannot be chained; add parentheses", "'{0}' 不能连写，请加括号分开", example: "let x = 1 < 2 < 3")
        case .positionalAfterNamed: MessageEntry("a positional argument cannot follow a named one", "不写参数名的参数要放在写了参数名的参数前面", example: "round(x: 1.5, 1)")
        case .duplicateRecordField: MessageEntry("duplicate field '{0}' in record", "记录里的字段 '{0}' 重复了", example: "let r = {a: 1, a: 2}")
        case .emptyInterpolation: MessageEntry("empty interpolation '\\()' in string", "字符串里的插值 '\\()' 是空的", example: "let s = \"a\\()\"")
        case .expectedToken: MessageEntry("expected {0} {1}", "应有 {0}（{1}）", example: "let = 1")
        case .expectedEndOfStatement: MessageEntry("expected end of statement", "这里应是语句的结尾", fix: "一行只写一条语句；管道换行时把 | 放在下一行的开头。", example: "let x = 1 2")
        case .expectedBrace: MessageEntry("expected '{' {0}", "应有 '{'（{0}）", example: "if true 1")
        case .expectedFound: MessageEntry("{0}, found {1}", "{0}，实际是 {1}")
        case .assignToNonVariable: MessageEntry("only a variable can be assigned (values are immutable; build a new one instead)", "只能给变量赋值（值本身不能修改；请构造一个新值）", example: "let r = {a: 1}\nr.a = 2")
        case .importPathNotString: MessageEntry("an import path must be a plain string", "import 的路径必须是普通字符串")
        case .duplicateParameter: MessageEntry("duplicate parameter '{0}'", "参数 '{0}' 重复了", example: "fn f(a, a) { a }")
        case .parameterNeedsDefault: MessageEntry("parameter '{0}' needs a default value because an earlier one has one", "参数 '{0}' 需要默认值，因为前面的参数有默认值", example: "fn f(a = 1, b) { a }")
        case .totalNeedsBy: MessageEntry("'total' needs 'by' (a summarize without 'by' is already one total row)", "'total' 要和 'by' 一起用（不写 'by' 时，summarize 本身就只得出一行合计）", example: "let t = table({n: [1]})\nt | summarize s = sum(n) total")
        case .joinNeedsOn: MessageEntry("expected 'on' and key columns after the joined table", "要连接的表后面应有 'on' 和键列", example: "let t = table({n: [1]})\nt | join t")
        case .unpivotNeedsInto: MessageEntry("expected 'into name, value' after the unpivoted columns", "要转换的列后面应有 'into 名称列, 值列'")
        case .expectedNameExpression: MessageEntry("expected 'name = expression'", "这里应有 '名称 = 表达式'", example: "let t = table({n: [1]})\nt | derive 1")
        case .singleEquals: MessageEntry("'=' assigns; to compare, write '=='", "'=' 是赋值；比较相等请写 '=='", example: "let t = table({地区: [\"贵阳市\"]})\nt | where 地区 = \"贵阳市\"")
        case .notAnOperator: MessageEntry("'{0}' is not an operator: write '{1}'", "'{0}' 不是运算符：请写 '{1}'", example: "let x = true && false")
        case .upperCaseWord: MessageEntry("write '{0}' in lower case", "请写小写的 '{0}'", example: "let t = table({n: [2, 1]})\nt | sort n DESC")
        case .isNull: MessageEntry("'is null' is written '== null' ('is not null' is '!= null')", "'is null' 写作 '== null'（'is not null' 写作 '!= null'）", example: "let t = table({n: [1, null]})\nt | where n is null")
        case .selectStar: MessageEntry("'select *' is not needed: list the columns to keep, or leave out select", "不需要 'select *'：列出要保留的列，或者不写 select", example: "let t = table({n: [1]})\nt | select *")
        case .countStar: MessageEntry("count(*) is written count()", "count(*) 写作 count()", example: "let t = table({n: [1]})\nt | summarize k = count(*)")
        case .parenthesizedList: MessageEntry("a list is written in brackets: [\"a\", \"b\"], not (\"a\", \"b\")", "列表用方括号写：[\"a\", \"b\"]，而不是 (\"a\", \"b\")", example: "let xs = (\"a\", \"b\")")
        case .pipelineInArguments: MessageEntry("put the pipeline in parentheses: f((t | stage …), x: …)", "把管道放进括号里：f((t | 步骤 …), x: …)")
        case .nullAsArgumentName: MessageEntry("'null' is a value, not an argument name (read_csv takes missing-value markers as 'nulls: [\"-\"]')", "'null' 是一个值，不是参数名（read_csv 的缺失值标记写作 'nulls: [\"-\"]'）", example: "read_csv(\"a.csv\", null: \"-\")")
        case .formatStageArgument: MessageEntry("format: {0}", "format：{0}")
        case .formatTakesDigits: MessageEntry("format: {0}() takes one argument, the number of decimals", "format：{0}() 只接受一个参数，即小数位数")
        case .functionDefinedTwice: MessageEntry("function '{0}' is already defined in this block", "函数 '{0}' 在这个代码块里已经定义过了", fix: "换一个函数名，或删掉重复的定义。")
        case .assignToBuiltin: MessageEntry("cannot assign to builtin '{0}' (use 'let {1} = …' to define your own)", "不能给内置函数 '{0}' 赋值（要定义自己的，请写 'let {1} = …'）", example: "len = 1")
        case .assignToUndeclaredVariable: MessageEntry("cannot assign to undeclared variable '{0}' (declare it with 'let'){1}", "不能给没有声明的变量 '{0}' 赋值（请先用 'let' 声明）{1}", fix: "第一次出现时写 let 名称 = 值，之后才能用 名称 = 新值。", example: "x = 1")
        case .returnOutsideFunction: MessageEntry("'return' outside a function", "'return' 写在了函数外面", example: "return 1")
        case .breakOutsideLoop: MessageEntry("'break' outside a loop", "'break' 写在了循环外面", example: "break")
        case .continueOutsideLoop: MessageEntry("'continue' outside a loop", "'continue' 写在了循环外面", example: "continue")
        case .undefinedVariable: MessageEntry("undefined variable '{0}'{1}", "变量 '{0}' 没有定义{1}", fix: "检查拼写；变量要先用 let 定义才能使用。", example: "print(总数)")
        case .undefinedFunction: MessageEntry("undefined function '{0}'{1}", "没有名为 '{0}' 的函数{1}", fix: "检查函数名拼写；:help 列出全部函数。", example: "let x = sume([1, 2])")
        case .argumentGivenTwice: MessageEntry("argument '{0}' is given twice", "参数 '{0}' 写了两次", example: "round(1.5, digits: 1, digits: 2)")
        case .colTakesOneName: MessageEntry("col() takes one column name", "col() 只接受一个列名", example: "let t = table({n: [1]})\nt | where col(\"n\", \"m\") > 0")
        case .windowFunctionOutsideDerive: MessageEntry("{0}() is a window function: use it in derive", "{0}() 是窗口函数：请在 derive 里使用", example: "let t = table({n: [1]})\nt | where rank(n) > 0")
        case .stageFunctionHasNoParameter: MessageEntry("{0}() has no parameter named '{1}'", "{0}() 没有名为 '{1}' 的参数", example: "let t = table({n: [1]})\nt | derive r = rank(n, up: true)")
        case .stageFunctionTooManyArguments: MessageEntry("{0}() takes at most {1} argument{2}", "{0}() 最多接受 {1} 个参数")
        case .stageFunctionMissingArgument: MessageEntry("{0}() is missing its '{1}' argument", "{0}() 缺少参数 '{1}'")
        case .unknownName: MessageEntry("unknown name '{0}'", "找不到名称 '{0}'")
        case .aggregateInRowStage: MessageEntry("{0}() is an aggregate: use it in summarize or derive (derive a = {0}({1}), then where {1} > a)", "{0}() 是聚合函数：请在 summarize 或 derive 里用（先 derive a = {0}({1})，再 where {1} > a）", example: "let t = table({n: [1, 5]})\nt | where n > avg(n)")
        case .cannotCombine: MessageEntry("cannot {0} {1} and {2}", "无法对 {1} 和 {2} 做{0}运算", fix: "检查两边的类型：文字要先用 int()/float()/parse_num() 转成数值。", example: "let x = 1 + \"a\"")
        case .integerOverflow: MessageEntry("integer overflow", "整数溢出", fix: "结果超出了 64 位整数的范围；先用 float() 转成浮点数再计算。", example: "let x = 9223372036854775807 + 1")
        case .cannotNegate: MessageEntry("cannot negate {0}", "不能对 {0} 取负", example: "let x = -\"a\"")
        case .cannotCompareWithOperator: MessageEntry("cannot compare {0} with {1} using '{2}'", "不能用 '{2}' 比较 {0} 和 {1}", example: "let x = 1 < \"a\"")
        case .inStringNeedsString: MessageEntry("'in' on a string needs a string on the left, not {0}", "对字符串用 'in' 时，左边必须是字符串，而不是 {0}")
        case .inNeedsCollection: MessageEntry("'in' needs a list, record, string or table on the right, not {0}", "'in' 的右边必须是列表、记录、字符串或表，而不是 {0}", example: "let x = 1 in 2")
        case .rangeNeedsInts: MessageEntry("a range needs two ints, not {0} and {1}", "区间的两端必须是整数，而不是 {0} 和 {1}", example: "let r = 1..\"a\"")
        case .rangeTooLong: MessageEntry("range {0}..{1} is too long to build as a list (limit {2} items)", "区间 {0}..{1} 太长，无法生成列表（上限 {2} 项）", example: "let xs = [1..100000000]")
        case .cannotCall: MessageEntry("cannot call {0}", "不能调用 {0}", example: "let x = 5\nx(1)")
        case .cannotIndex: MessageEntry("cannot index {0} with {1}", "{0} 不能用 {1} 作下标", example: "let x = 5[0]")
        case .indexOutOfRange: MessageEntry("index {0} is out of range (length {1})", "下标 {0} 超出范围（长度为 {1}）", fix: "列表下标从 0 开始。", example: "let x = [1][3]")
        case .recordHasNoField: MessageEntry("record has no field '{0}'{1}", "记录里没有字段 '{0}'{1}", example: "let r = {地区: \"贵阳市\"}\nprint(r.地)")
        case .noFields: MessageEntry("{0} has no fields (cannot read '.{1}')", "{0} 没有字段（无法读取 '.{1}'）", example: "let x = 5\nprint(x.a)")
        case .notIterable: MessageEntry("cannot iterate over {0} (a for loop takes a list, range, table or string)", "无法遍历 {0}（for 循环只接受列表、区间、表或字符串）", example: "for x in 5 { print(x) }")
        case .unevaluableNode: MessageEntry("internal error: unevaluable node", "内部错误：无法求值的节点")
        case .mixedEqualityDate: MessageEntry("cannot compare {0} with {1} using '{2}': write the date as a literal (@2021-06-30), or compare text with str(x)", "不能用 '{2}' 比较 {0} 和 {1}：日期请写成 @2021-06-30 这样的形式，或用 str(x) 按文字比较", example: "let t = table({d: [@2021-06-30]})\nt | where d == \"2021-06-30\"")
        case .mixedEqualityNumber: MessageEntry("cannot compare {0} with {1} using '{2}': a number read as text never equals a number; convert the text with int(x) or parse_num(x) (or the number with str(x))", "不能用 '{2}' 比较 {0} 和 {1}：读成文字的数字永远不等于数值；请用 int(x) 或 parse_num(x) 转换文字（或用 str(x) 转换数值）", fix: "CSV 里的年份、编号有时被读成文字：用 int(年份) 转换，或者比较时也写成文字。", example: "let t = table({year: [2021]})\nt | where year == \"2021\"")
        case .cellCannotHold: MessageEntry("a table cell cannot hold a {0}", "表的单元格不能存放 {0}")
        case .columnMixesTypes: MessageEntry("a column cannot mix {0} and {1} values", "同一列里不能既有 {0} 又有 {1}")
        case .aggregateNeedsNumbers: MessageEntry("{0}() needs numbers, found {1}", "{0}() 需要数值，实际是 {1}", example: "let t = table({地区: [\"贵阳市\"]})\nt | summarize m = avg(地区)")
        case .sumNeedsNumbers: MessageEntry("sum() needs numbers, found {0}", "sum() 需要数值，实际是 {0}", example: "let t = table({地区: [\"贵阳市\"]})\nt | summarize s = sum(地区)")
        case .trendLengthsDiffer: MessageEntry("trend() needs two lists of the same length ({0} and {1})", "trend() 需要两个长度相同的列表（长度分别是 {0} 和 {1}）", example: "trend([1, 2], [1])")
        case .trendNeedsNumbers: MessageEntry("trend() needs numbers, found {0}", "trend() 需要数值，实际是 {0}")
        case .forecastNeedsNumber: MessageEntry("forecast() needs a number for 'at', found {0}", "forecast() 的 'at' 需要一个数值，实际是 {0}")
        case .checkConditionNotBool: MessageEntry("check: the condition must be true or false, got {0} (row {1})", "check：条件的结果必须是 true 或 false，实际是 {0}（第 {1} 行）", example: "let t = table({n: [1]})\nt | check n")
        case .columnSelectedTwice: MessageEntry("column '{0}' is selected twice", "列 '{0}' 选了两次", example: "let t = table({n: [1]})\nt | select n, n")
        case .renameTargetExists: MessageEntry("cannot rename '{0}' to '{1}': that column already exists", "不能把 '{0}' 改名为 '{1}'：已经有一列叫 '{1}'", example: "let t = table({a: [1], b: [2]})\nt | rename a = b")
        case .appendNeedsTable: MessageEntry("append needs a table, got {0}", "append 需要一张表，实际是 {0}", example: "let t = table({n: [1]})\nt | append 5")
        case .pivotDuplicateCell: MessageEntry("pivot: more than one '{0}' for {1} = {2} in the same row group (summarize first)", "pivot：在同一组里，{1} = {2} 对应的 '{0}' 值不止一个（请先用 summarize 汇总）", example: "let t = table({地区: [\"贵阳市\", \"贵阳市\"], 年: [\"2021\", \"2021\"], n: [1, 2]})\nt | pivot 年, n")
        case .pivotColumnExists: MessageEntry("pivot: a new column '{0}' would collide with an existing one", "pivot：新列 '{0}' 与已有的列重名")
        case .completeColumnIsKey: MessageEntry("complete: '{0}' cannot be both the completed column and a key", "complete：'{0}' 不能既是要补齐的列，又是分组键")
        case .completeNeedsList: MessageEntry("complete needs a list of values (such as 2017..2021), got {0}", "complete 需要一个取值列表（例如 2017..2021），实际是 {0}")
        case .completeNullValue: MessageEntry("complete: the values cannot include null", "complete：取值列表里不能有 null", example: "let t = table({year: [2020], n: [1]})\nt | complete year = [2020, null]")
        case .completeValueTwice: MessageEntry("complete: {0} is listed twice", "complete：取值 {0} 写了两次", example: "let t = table({year: [2020], n: [1]})\nt | complete year = [2020, 2020]")
        case .completeValueType: MessageEntry("complete: {0} is {1} {2} but column '{3}' holds {4}s", "complete：{0} 是 {2}，但列 '{3}' 存放的是 {4}")
        case .formatNeedsNumberColumn: MessageEntry("format: column '{0}' is {1}; display formats apply to int and float columns", "format：列 '{0}' 是 {1}；显示格式只能用于整数列和浮点数列")
        case .formatDigitsOutOfRange: MessageEntry("format: {0}() needs a number of decimals from 0 to {1}, got {2}", "format：{0}() 需要 0 到 {1} 之间的小数位数，实际是 {2}")
        case .columnOutsideAggregate: MessageEntry("column '{0}' must be inside an aggregate in summarize (such as sum({1})), or listed after 'by'", "列 '{0}' 在 summarize 里必须放进聚合函数（例如 sum({1})），或写在 'by' 后面", example: "let t = table({地区: [\"贵阳市\"], n: [1]})\nt | summarize k = n")
        case .joinNeedsTable: MessageEntry("join needs a table to join with, got {0}", "join 需要一张要连接的表，实际是 {0}", example: "let t = table({n: [1]})\nt | join 5 on n")
        case .joinKeyMissing: MessageEntry("the joined table has no column '{0}'{1}", "要连接的表里找不到列 '{0}'{1}")
        case .sortCannotCompare: MessageEntry("cannot sort: cannot compare {0} with {1}", "无法排序：{0} 和 {1} 不能比较大小", example: "let t = table({n: [1]})\nprint(sort([1, \"a\"]))")
        case .takeNeedsCount: MessageEntry("take needs a non-negative int", "take 需要一个非负整数", example: "let t = table({n: [1]})\nt | take -1")
        case .stageNeedsTable: MessageEntry("'{0}' needs a table, got {1}", "'{0}' 需要一张表，实际是 {1}", fix: "管道 | 左边必须是一张表。", example: "5 | where x > 1")
        case .inColumn: MessageEntry("column '{0}': {1}", "列 '{0}'：{1}")
        case .unknownColumn: MessageEntry("unknown column '{0}'{1}", "找不到列 '{0}'{1}", fix: "检查列名拼写（中英文、全角半角、空格）；要比较的文字要加引号。print(t) 可以看到全部列名。", example: "let t = table({corrected: [1]})\nt | where corected > 1")
        case .colNeedsString: MessageEntry("col() needs a column name as a string", "col() 需要一个字符串形式的列名")
        case .functionNeedsTableStage: MessageEntry("{0}() needs a table stage", "{0}() 只能在表格步骤里使用")
        case .functionNeedsDerive: MessageEntry("{0}() needs a derive stage", "{0}() 只能在 derive 步骤里使用")
        case .totalKeyOutsideAggregate: MessageEntry("with 'total', the key column '{0}' can only be used inside an aggregate (the total row has no single {1})", "用了 'total' 时，键列 '{0}' 只能放在聚合函数里（合计行不属于某一个 {1}）")
        case .totalLabelNotText: MessageEntry("the total label must be a string or a number, got {0}", "合计行的标签必须是字符串或数值，实际是 {0}")
        case .totalLabelType: MessageEntry("the total label is {0} but the first key column '{1}' holds {2}s (write {3} label, or make the key a string with str())", "合计行的标签是{0}，但第一个键列 '{1}' 存放的是 {2}（请改用{3}作标签，或用 str() 把键列转成字符串）")
        case .unpivotSameNames: MessageEntry("unpivot: the name and value columns cannot both be called '{0}'", "unpivot：名称列和值列不能都叫 '{0}'")
        case .unpivotColumnExists: MessageEntry("unpivot: a new column '{0}' would collide with a kept column", "unpivot：新列 '{0}' 与保留的列重名")
        case .unpivotTooManyRows: MessageEntry("unpivot: the result would have too many rows", "unpivot：结果的行数太多")
        case .unpivotColumnTwice: MessageEntry("unpivot: column '{0}' is listed twice", "unpivot：列 '{0}' 写了两次", example: "let t = table({a: [1], b: [2]})\nt | unpivot a, a into k, v")
        case .unpivotNothingLeft: MessageEntry("unpivot: 'except' leaves no column to unpivot", "unpivot：除去 'except' 后面列出的列，就没有可以转换的列了")
        case .unpivotValueTypesDiffer: MessageEntry("unpivot: columns '{0}' ({1}) and '{2}' ({3}) cannot share the value column '{4}'", "unpivot：列 '{0}'（{1}）和 '{2}'（{3}）不能共用值列 '{4}'")
        case .windowCountNegative: MessageEntry("{0}(): '{1}' must be a non-negative int", "{0}()：'{1}' 必须是非负整数")
        case .movingAvgWindowTooSmall: MessageEntry("moving_avg(): 'n' must be at least 1", "moving_avg()：'n' 至少为 1", example: "let t = table({n: [1]})\nt | derive m = moving_avg(n, 0)")
        case .rankDescNotBool: MessageEntry("rank(): 'desc' must be true or false", "rank()：'desc' 必须是 true 或 false")
        case .yoyPeriodNotInt: MessageEntry("yoy(): the period must be an int column (such as year), not {0}", "yoy()：期别列必须是整数列（例如年份），而不是 {0}", example: "let t = table({year: [\"2021\"], n: [1]})\nt | derive y = yoy(n, year)")
        case .yoyPeriodRepeated: MessageEntry("yoy(): period {0} appears more than once in the partition (add it to 'by' or summarize first)", "yoy()：期别 {0} 在同一分组里出现了不止一次（请把能区分这些行的列加到 'by' 里，或先 summarize）")
        case .checkFailed: MessageEntry("check failed for {0} of {1} row{3}: {2}", "check 未通过：{1} 行中有 {0} 行不满足 {2}", fix: "错误信息下方列出了不满足条件的行：请核对这些数据；如果只想提醒、不想中断运行，改用 check … warn。", example: "let t = table({受理: [10, 5], 审结: [8, 7]})\nt | check 审结 <= 受理")
        case .chartYNamesNoColumn: MessageEntry("'y' names no column", "'y' 没有指定任何列")
        case .chartYNotNumbers: MessageEntry("y column '{0}' is {1}; a chart plots numbers", "y 列 '{0}' 是 {1}；图表只能画数值列")
        case .chartYTwice: MessageEntry("y column '{0}' is named twice", "y 列 '{0}' 写了两次")
        case .chartDuplicatePoint: MessageEntry("more than one '{0}' for {1} = {2}{3} (summarize first, or chart by another column)", "{1} = {2}{3} 对应的 '{0}' 不止一个（请先 summarize，或按另一列分组作图）")
        case .chartNoColumn: MessageEntry("no column '{0}' for '{1}'{2}", "找不到 '{1}' 指定的列 '{0}'{2}")
        case .chartYNotColumns: MessageEntry("chart(): 'y' must be a column name or a list of column names", "chart()：'y' 必须是一个列名或列名列表")
        case .chartKindInvalid: MessageEntry("chart(): 'kind' must be \"line\" or \"bar\", not {0}", "chart()：'kind' 必须是 \"line\" 或 \"bar\"，而不是 {0}", example: "let t = table({x: [1], y: [2]})\nchart(t, x: \"x\", y: \"y\", kind: \"pie\")")
        case .chartFailed: MessageEntry("chart(): {0}", "chart()：{0}")
        case .sparklineItemType: MessageEntry("sparkline(): the items must be numbers or null, not {0}", "sparkline()：各项必须是数值或 null，而不是 {0}")
        case .writeHtmlItemType: MessageEntry("write_html(): item {0} is {1}; items are tables, charts and strings", "write_html()：第 {0} 项是 {1}；各项只能是表、图表或字符串")
        case .notCallable: MessageEntry("'{0}' cannot be called", "'{0}' 不是函数，不能调用")
        case .functionHasNoParameter: MessageEntry("'{0}' has no parameter named '{1}'{2}", "'{0}' 没有名为 '{1}' 的参数{2}", example: "round(1.5, digts: 1)")
        case .wrongArgumentCount: MessageEntry("'{0}' expects {1} argument{2}, got {3}", "'{0}' 需要 {1} 个参数，实际给了 {3} 个", example: "len()")
        case .missingArgument: MessageEntry("missing argument '{0}' in call to '{1}'", "调用 '{1}' 时缺少参数 '{0}'")
        case .argumentType: MessageEntry("{0}(): '{1}' must be {2}, not {3}", "{0}()：'{1}' 必须是{2}，而不是 {3}", example: "let x = len(5)")
        case .intConversionOutOfRange: MessageEntry("int(): {0} cannot be converted to an int", "int()：{0} 无法转换成整数", example: "int(1e300)")
        case .intParseFailed: MessageEntry("int(): cannot parse {0} as an int", "int()：无法把 {0} 解析为整数", fix: "带千分位逗号或单位（万、亿、%）的数字请用 parse_num()。", example: "let x = int(\"12a\")")
        case .floatParseFailed: MessageEntry("float(): cannot parse {0} as a float", "float()：无法把 {0} 解析为浮点数", example: "float(\"abc\")")
        case .invalidDate: MessageEntry("date(): {0}-{1}-{2} is not a valid date", "date()：{0}-{1}-{2} 不是有效的日期", example: "let d = date(2021, 2, 30)")
        case .scale10OutOfRange: MessageEntry("scale10(): n must be between -400 and 400", "scale10()：n 必须在 -400 到 400 之间", example: "scale10(1, 500)")
        case .cannotCompareWith: MessageEntry("cannot compare {0} with {1}", "{0} 和 {1} 不能比较")
        case .outsideIntRange: MessageEntry("{0}(): {1} is outside the int range", "{0}()：{1} 超出了整数范围")
        case .stdlibImport: MessageEntry("the standard library cannot import '{0}'", "标准库不能导入 '{0}'")
        case .printRowsInvalid: MessageEntry("print(): 'rows' must be a non-negative int (0 shows every row), not {0}", "print()：'rows' 必须是非负整数（0 表示显示全部行），而不是 {0}", example: "let t = table({n: [1]})\nprint(t, rows: -1)")
        case .printRowsWithoutTable: MessageEntry("print(): 'rows' applies to tables, and none is printed here", "print()：'rows' 只对表有效，而这里没有打印表")
        case .rateNeedsNumbers: MessageEntry("rate() needs numbers, not {0}", "rate() 需要数值，而不是 {0}", example: "let r = rate(\"a\", 2)")
        case .changeNeedsNumbers: MessageEntry("change() needs numbers, not {0}", "change() 需要数值，而不是 {0}", example: "change(\"a\", 1)")
        case .ppNeedsNumbers: MessageEntry("pp() needs numbers, not {0}", "pp() 需要数值，而不是 {0}", example: "pp(\"a\", 1)")
        case .parseNumFailed: MessageEntry("parse_num(): {0} {1}", "parse_num()：{0} {1}", example: "parse_num(\"1,0690\")")
        case .replaceOldEmpty: MessageEntry("replace(): 'old' must not be empty", "replace()：'old' 不能为空", example: "replace(\"abc\", \"\", \"x\")")
        case .colOutsideStage: MessageEntry("col() can only be used inside a table stage", "col() 只能在表格步骤里使用", example: "col(\"n\")")
        case .windowFunctionCalledDirectly: MessageEntry("{0}() is a window function: use it inside derive", "{0}() 是窗口函数：请在 derive 里使用")
        case .tableFieldNotList: MessageEntry("table(): field '{0}' must be a list, not {1}", "table()：字段 '{0}' 必须是列表，而不是 {1}", example: "table({a: 1})")
        case .tableColumnLengthsDiffer: MessageEntry("table(): columns have different lengths ({0} and {1} in '{2}')", "table()：各列长度不同（前面的列有 {0} 项，'{2}' 有 {1} 项）", example: "let t = table({a: [1, 2], b: [1]})")
        case .tableNeedsRecords: MessageEntry("table(): a list of records is needed, found {0}", "table()：需要由记录组成的列表，实际是 {0}")
        case .tableFailed: MessageEntry("table(): {0}", "table()：{0}")
        case .tooManyDigits: MessageEntry("at most 100 digits", "最多 100 位小数")
        case .figureNotANumber: MessageEntry("not a number", "不是数值")
        case .userError: MessageEntry("{0}", "{0}", fix: "这是程序自己用 error(…) 报出的错误；按消息内容处理，或用 try … catch 接住。", example: "error(\"目标未达成\")")
        case .writeCsvBomNotBool: MessageEntry("write_csv(): 'bom' must be true or false, not {0}", "write_csv()：'bom' 必须是 true 或 false，而不是 {0}", example: "write_csv(table({n: [1]}), \"out.csv\", bom: \"yes\")")
        case .writeCsvEncodingInvalid: MessageEntry("write_csv(): 'encoding' must be {0}, not {1}", "write_csv()：'encoding' 必须是 {0}，而不是 {1}")
        case .writeCsvBomNotUTF8: MessageEntry("write_csv(): 'bom: true' is for UTF-8 files (a {0} file has no byte order mark that Excel reads)", "write_csv()：'bom: true' 只用于 UTF-8 文件（{0} 文件没有 Excel 能识别的字节顺序标记）")
        case .writeCsvEmptyColumnName: MessageEntry("write_csv(): column {0} has an empty name, which read_csv would refuse; rename it first", "write_csv()：第 {0} 列的列名是空的，以后用 read_csv 读不回来；请先用 rename 起个名字", example: "write_csv(table({\"\": [1]}), \"out.csv\")")
        case .writeCsvFailed: MessageEntry("write_csv(): {0}", "write_csv()：{0}")
        case .readEncoding: MessageEntry("{0}(): 'encoding' must be {1}, not {2}", "{0}()：'encoding' 必须是 {1}，而不是 {2}", example: "read_csv(\"Samples/data/review_cases.csv\", encoding: \"big5\")")
        case .skipNotANonNegativeInt: MessageEntry("{0}(): 'skip' must be an int >= 0 (the lines above the header), not {1}", "{0}()：'skip' 必须是大于等于 0 的整数（表头上方要跳过的行数），而不是 {1}")
        case .nullsNotAList: MessageEntry("{0}(): 'nulls' must be a list of strings such as [\"\", \"—\"], not {1}", "{0}()：'nulls' 必须是字符串列表，例如 [\"\", \"—\"]，而不是 {1}")
        case .nullsItemNotString: MessageEntry("{0}(): 'nulls' must be a list of strings such as [\"\", \"—\"], and {1} is not one", "{0}()：'nulls' 必须是字符串列表，例如 [\"\", \"—\"]，而 {1} 不是字符串")
        case .trimNotBool: MessageEntry("{0}(): 'trim' must be true or false, not {1}", "{0}()：'trim' 必须是 true 或 false，而不是 {1}", example: "read_csv(\"Samples/data/review_cases.csv\", trim: 1)")
        case .numbersOptionInvalid: MessageEntry("{0}(): 'numbers' must be \"plain\" or \"report\", not {1}", "{0}()：'numbers' 必须是 \"plain\" 或 \"report\"，而不是 {1}", example: "read_csv(\"Samples/data/review_cases.csv\", numbers: \"fancy\")")
        case .sepOptionInvalid: MessageEntry("{0}(): 'sep' must be one ASCII character other than a quote or a line break, not {1}", "{0}()：'sep' 必须是单个 ASCII 字符（引号和换行除外），实际是 {1}", example: "read_csv(\"Samples/data/review_cases.csv\", sep: \"，\")")
        case .writeCsvSeparatorInvalid: MessageEntry("write_csv(): the separator must be one character other than a quote or a line break, not {0}", "write_csv()：分隔符必须是单个字符（引号和换行除外），实际是 {0}")
        case .skipPastEnd: MessageEntry("'skip' is {0} but the file has only {1} line{2}", "'skip' 是 {0}，但文件只有 {1} 行")
        case .invalidUTF8At: MessageEntry("invalid UTF-8 (byte {0} at byte offset {1})", "不是有效的 UTF-8（字节偏移 {1} 处的字节 {0}）")
        case .csvSeparatorInvalid: MessageEntry("the separator must be one ASCII character other than a quote or a line break", "分隔符必须是单个 ASCII 字符（引号和换行除外）")
        case .csvIsAWorkbook: MessageEntry("this is a workbook (a ZIP file such as .xlsx), not CSV text: use read_xlsx", "这是一个工作簿（.xlsx 之类的 ZIP 文件），不是 CSV 文本：请用 read_xlsx")
        case .rowFieldCount: MessageEntry("row has {0} fields, the header has {1}", "这一行有 {0} 个字段，表头有 {1} 个")
        case .rowFieldCountAtEnd: MessageEntry("row has {0} field{1}, the header has {2}", "这一行有 {0} 个字段，表头有 {2} 个")
        case .emptyColumnName: MessageEntry("empty column name (column {0} of the header)", "列名是空的（表头的第 {0} 列）")
        case .duplicateCsvColumnName: MessageEntry("duplicate column name '{0}' (also column {1})", "列名 '{0}' 重复（第 {1} 列也叫这个名字）")
        case .unterminatedQuotedField: MessageEntry("unterminated quoted field (opened here)", "带引号的字段没有结束（从这里开始）")
        case .textAfterClosingQuote: MessageEntry("unexpected character after a closing quote (inside a quoted field a quote is written \"\")", "结束引号后面不能紧跟其他字符（带引号的字段里，引号要写成 \"\"）")
        case .quoteInUnquotedField: MessageEntry("quote inside an unquoted field (quote the whole field and write the quote as \"\")", "没有引号的字段里出现了引号（请给整个字段加引号，字段里的引号写成 \"\"）")
        case .invalidUTF8ByteAt: MessageEntry("invalid UTF-8 (byte 0x{0} at byte offset {1})", "不是有效的 UTF-8（字节偏移 {1} 处的字节 0x{0}）")
        case .jsonUnterminatedArray: MessageEntry("unterminated array (opened here)", "数组没有结束（从这里开始）")
        case .jsonExpectedArraySeparator: MessageEntry("expected ',' or ']' after object #{0}, found {1}", "第 {0} 个对象后面应有 ',' 或 ']'，实际是 {1}")
        case .jsonTextAfterArray: MessageEntry("unexpected {0} after the array", "数组结束后还有多余的内容：{0}")
        case .jsonExpectedKey: MessageEntry("expected a key in double quotes, found {0}", "应有双引号括起的键，实际是 {0}")
        case .jsonDuplicateKey: MessageEntry("duplicate key '{0}' in object #{1}", "第 {1} 个对象里的键 '{0}' 重复了")
        case .jsonExpectedColon: MessageEntry("expected ':' after the key, found {0}", "键后面应有 ':'，实际是 {0}")
        case .jsonUnterminatedObject: MessageEntry("unterminated object (opened here)", "对象没有结束（从这里开始）")
        case .jsonExpectedObjectSeparator: MessageEntry("expected ',' or '}' after a value, found {0}", "值后面应有 ',' 或 '}'，实际是 {0}")
        case .jsonEmptyKey: MessageEntry("empty key \"\": a column needs a name (read_csv and write_csv refuse an empty one too)", "空的键 \"\"：列必须有名字（read_csv 和 write_csv 也拒绝空列名）")
        case .jsonEndExpectedValue: MessageEntry("unexpected end of the file: expected a value", "文件提前结束：这里还应有一个值")
        case .jsonNestedValue: MessageEntry("key '{0}' in object #{1} holds {2}; read_json reads flat objects (strings, numbers, bools, null)", "第 {1} 个对象里的键 '{0}' 存放的是{2}；read_json 只能读取扁平的对象（值只能是字符串、数值、布尔值或 null）")
        case .jsonExpectedValue: MessageEntry("expected a value, found {0}", "这里应有一个值，实际是 {0}")
        case .jsonMixedTypes: MessageEntry("key '{0}' in object #{1} is {2}, but earlier values are {3}", "第 {1} 个对象里的键 '{0}' 是{2}，但前面对象里这个键的值是{3}")
        case .jsonInvalidLiteral: MessageEntry("invalid literal (expected '{0}')", "无法识别的值（应为 '{0}'）")
        case .jsonInvalidNumber: MessageEntry("invalid number", "无效的数字")
        case .jsonLeadingZeros: MessageEntry("invalid number: leading zeros are not allowed", "无效的数字：不允许前导零")
        case .jsonDigitsAfterPoint: MessageEntry("invalid number: expected digits after '.'", "无效的数字：'.' 后面应有数字")
        case .jsonDigitsInExponent: MessageEntry("invalid number: expected digits in the exponent", "无效的数字：指数部分应有数字")
        case .jsonUnterminatedString: MessageEntry("unterminated string (opened here)", "字符串没有结束（从这里开始）")
        case .jsonControlCharacter: MessageEntry("control character in a string (write it as an escape such as \\n)", "字符串里有控制字符（请写成 \\n 这样的转义）")
        case .jsonUnpairedSurrogate: MessageEntry("invalid \\u escape: unpaired surrogate", "无效的 \\u 转义：代理项不成对")
        case .jsonInvalidEscape: MessageEntry("invalid escape '\\{0}' in a string", "字符串里的转义 '\\{0}' 无效")
        case .jsonBadUnicodeEscape: MessageEntry("invalid \\u escape: expected four hex digits", "无效的 \\u 转义：应有四位十六进制数字")
        case .utf16ByteOrderMark: MessageEntry("the file starts with a UTF-16 byte order mark: read it with encoding: \"utf-16\" (or \"auto\")", "文件以 UTF-16 字节顺序标记开头：请用 encoding: \"utf-16\"（或 \"auto\"）读取")
        case .characterNotEncodable: MessageEntry("'{0}' (line {1} of the file) has no {2} encoding; write the file with encoding: \"gb18030\" or \"utf-8\"", "'{0}'（文件第 {1} 行）无法用 {2} 编码表示；请用 encoding: \"gb18030\" 或 \"utf-8\" 写文件")
        case .jsonValueMissing: MessageEntry("expected a JSON value, found the end of the text", "应有一个 JSON 值，但文本已经结束")
        case .jsonValueNotSingle: MessageEntry("expected exactly one JSON value", "应恰好有一个 JSON 值")
        case .noHeaderAfterSkipped: MessageEntry("no header row after the {0} skipped line{1}", "跳过 {0} 行之后没有表头行")
        case .emptyCsvFile: MessageEntry("empty file: expected a header row", "文件是空的，没有表头行")
        case .expectedArrayOfObjects: MessageEntry("expected an array of objects ('['), found {0}", "这里应有对象数组（'['），实际是 {0}")
        case .emptyJsonFile: MessageEntry("empty file: expected an array of objects", "文件是空的，没有对象数组")
        case .arrayItemNotObject: MessageEntry("object #{0} of the array is {1}, expected an object", "数组的第 {0} 项是{1}，应为对象")
        case .endExpectedObject: MessageEntry("unexpected end of the file: expected an object", "文件提前结束：这里还应有一个对象")
        case .endsInsideCharacter: MessageEntry("the file ends inside a {0} character ({1} at byte offset {2})", "文件在一个 {0} 字符中间结束（字节偏移 {2} 处的 {1}）")
        case .invalidEncodedBytes: MessageEntry("invalid {0} (byte{1} {2} at byte offset {3})", "不是有效的 {0}（字节偏移 {3} 处的 {2}）")
        case .notGB18030NorUTF8: MessageEntry("{0} and the file is not UTF-8 either (byte {1} at byte offset {2}); if the file has another encoding, name it with encoding: \"gb18030\", \"utf-16\" or \"utf-8\"", "{0}，而且文件也不是 UTF-8（字节偏移 {2} 处的 {1}）；如果文件是别的编码，请用 encoding: \"gb18030\"、\"utf-16\" 或 \"utf-8\" 指明")
        case .notUTF8NorGB18030: MessageEntry("invalid UTF-8 (byte {0} at byte offset {1}) and the file is not GB18030 either; if the file has another encoding, name it with encoding: \"gb18030\", \"utf-16\" or \"utf-8\"", "不是有效的 UTF-8（字节偏移 {1} 处的 {0}），而且文件也不是 GB18030；如果文件是别的编码，请用 encoding: \"gb18030\"、\"utf-16\" 或 \"utf-8\" 指明")
        case .inFileAt: MessageEntry("{0}:{1}:{2}: {3}", "{0}:{1}:{2}：{3}", host: "读数据文件出错时的外层格式：文件名、行、列，再接具体原因（原因有自己的编号，见本表其他条目）。")
        case .noSuchFile: MessageEntry("cannot read '{0}': no such file{1}", "无法读取 '{0}'：没有这个文件{1}", fix: "检查文件名和路径；相对路径是相对于运行 gzq 时的当前文件夹。", host: "程序读取的文件不存在（消息里会写出相对路径是在哪个文件夹下查找的）。")
        case .readFolder: MessageEntry("cannot read '{0}': it is a folder, not a file", "无法读取 '{0}'：这是文件夹，不是文件", example: "read_csv(\"Samples/data\")")
        case .cannotRead: MessageEntry("cannot read '{0}': {1}", "无法读取 '{0}'：{1}")
        case .writeFolder: MessageEntry("cannot write '{0}': it is a folder", "无法写入 '{0}'：这是一个文件夹", example: "write_csv(table({n: [1]}), \"Samples/data\")")
        case .noSuchFolder: MessageEntry("cannot write '{0}': the folder '{1}' does not exist{2}", "无法写入 '{0}'：文件夹 '{1}' 不存在{2}", fix: "先建好文件夹，或改用已有的文件夹。", host: "程序要写入的文件所在的文件夹不存在。")
        case .folderIsFile: MessageEntry("cannot write '{0}': '{1}' is a file, not a folder", "无法写入 '{0}'：'{1}' 是文件，不是文件夹")
        case .cannotWrite: MessageEntry("cannot write '{0}': {1}", "无法写入 '{0}'：{1}")
        case .interrupted: MessageEntry("interrupted", "已中断", host: "宿主程序调用了 Interpreter.interrupt()（或在交互模式里按了 Ctrl-C）。")
        case .stepLimitExceeded: MessageEntry("step limit exceeded ({0} steps)", "超过了步数上限（{0} 步）", host: "宿主程序设置了 HostConfiguration.limits.maxSteps（或 gzq --max-steps）。")
        case .timeLimitExceeded: MessageEntry("time limit exceeded ({0} s)", "超过了时间上限（{0} 秒）", host: "宿主程序设置了时间上限（gzq --timeout）。")
        case .stackOverflow: MessageEntry("stack overflow (call depth limit is {0})", "栈溢出（调用深度上限是 {0}）", fix: "检查递归函数有没有结束条件。", example: "fn f(n) { f(n + 1) }\nf(1)")
        case .tableMemoryLimitExceeded: MessageEntry("memory limit exceeded (tables hold {0} MB, limit {1} MB)", "超过了内存上限（表占用 {0} MB，上限 {1} MB）", host: "宿主程序设置了内存上限（gzq --max-memory）。")
        case .valueMemoryLimitExceeded: MessageEntry("memory limit exceeded ({0} of {1} MB, limit {2} MB)", "超过了内存上限（{0}有 {1} MB，上限 {2} MB）", host: "宿主程序设置了内存上限（gzq --max-memory）。")
        case .valueNestedTooDeeply: MessageEntry("value nested too deeply (more than {0} levels of lists and records)", "值嵌套得太深（列表和记录超过 {0} 层）")
        case .valueTooLarge: MessageEntry("value too large: more than {0} items and fields in all, counting each shared part every time it appears", "值太大：项和字段总数超过 {0}（共享的部分每出现一次都计算一次）")
        case .integerLiteralTooLarge: MessageEntry("integer literal is too large (the limit is 9223372036854775807)", "整数太大（上限是 9223372036854775807）", example: "let x = 99999999999999999999")
        case .interpolationNestedTooDeeply: MessageEntry("string interpolations are nested too deeply (more than {0} levels)", "字符串插值嵌套得太深（超过 {0} 层）")
        case .sourceTooLarge: MessageEntry("the source is too large (at most 2 GB)", "源代码太大（最多 2 GB）")
        case .nestingTooDeep: MessageEntry("nesting is too deep (more than {0} levels)", "嵌套得太深（超过 {0} 层）")
        case .noFileAccess: MessageEntry("permission denied: '{0}': file access is not allowed (the host granted no folders)", "没有权限访问 '{0}'：不允许访问任何文件（宿主程序没有开放文件夹）", host: "嵌入 gzq 的程序没有给 HostConfiguration 开放文件夹，或者用了 gzq --sandbox。")
        case .tooManySymbolicLinks: MessageEntry("permission denied: '{0}': too many levels of symbolic links", "无法访问 '{0}'：符号链接层数太多")
        case .outsideAllowedFolders: MessageEntry("permission denied: '{0}' is outside the folders this program may use", "没有权限访问 '{0}'：它不在允许使用的文件夹里", host: "沙盒模式（gzq --sandbox DIR 或 HostConfiguration.fileAccess）下读写了开放文件夹以外的文件。")
        case .importNotUTF8: MessageEntry("cannot import '{0}': the file is not valid UTF-8{1}", "无法导入 '{0}'：文件不是有效的 UTF-8{1}")
        case .cannotImportFile: MessageEntry("cannot import '{0}': {1}", "无法导入 '{0}'：{1}", example: "import \"没有这个模块.gzq\"")
        case .circularImport: MessageEntry("circular import of '{0}'", "'{0}' 被循环导入（文件之间互相 import）")
        case .inFunction: MessageEntry("{0}(): {1}", "{0}()：{1}")
        case .hostFunctionFailed: MessageEntry("{0}(): {1}", "{0}()：{1}", host: "宿主程序（嵌入 gzq 的程序）注册的函数抛出了错误；消息的后半部分是宿主程序给出的原文。")
        case .foreignProgram: MessageEntry("the program was compiled by another interpreter", "这个程序是由另一个解释器编译的", host: "宿主程序把 Interpreter A 编译出的 CompiledProgram 交给了 Interpreter B 运行；请用编译它的那个解释器运行。")
        case .reentrantRun: MessageEntry("the interpreter is already running a program (a host function cannot run another)", "解释器正在运行一个程序（宿主程序注册的函数里不能再运行另一个）", host: "宿主程序注册的函数在 gzq 调用它的过程中又调用了同一个解释器的 run/eval。")
        case .hostInput: MessageEntry("{0}", "{0}", host: "C API 的调用方式不对（参数为 NULL、名字不是标识符、编码名无法识别），或宿主程序传入的 JSON/CSV 数据读不了；消息是英文原文，gzq_error_id 返回 \"E-usage\" 或 \"E-input\"。")
        case .unknownCommand: MessageEntry("unknown command ':{0}' ({1}type :help for the list)", "没有 ':{0}' 这个命令（{1}输入 :help 查看命令列表）", host: "在交互模式里输入了不存在的 :命令。")
        case .noHelpTopic: MessageEntry("no function or stage named '{0}'{1}", "没有名为 '{0}' 的函数或步骤{1}", host: "交互模式的 :help 名称 找不到这个名称。")
        case .loadNeedsFile: MessageEntry(":load needs a file name", ":load 需要一个文件名", host: "交互模式里只输入了 :load。")
        case .loadNotUTF8: MessageEntry("'{0}' is not valid UTF-8{1}", "'{0}' 不是有效的 UTF-8{1}", host: "交互模式的 :load 读到的文件不是 UTF-8 编码。")
        case .bytecodeNeedsExpression: MessageEntry(":bytecode needs an expression, such as `cases | where year == 2021`", ":bytecode 需要一个表达式，例如 `cases | where year == 2021`", host: "交互模式里只输入了 :bytecode。")
        case .schemaNeedsExpression: MessageEntry(":schema needs an expression (there is no previous value `_` yet)", ":schema 需要一个表达式（还没有上一个值 `_`）", host: "交互模式里在没有任何结果时只输入了 :schema。")
        case .schemaNeedsTable: MessageEntry(":schema needs a table or a record, got {0}", ":schema 需要表或记录，实际是 {0}", host: "交互模式的 :schema 给了不是表也不是记录的值。")
        case .timeTakesOnOff: MessageEntry(":time takes on or off", ":time 后面写 on 或 off", host: "交互模式的 :time 参数不对。")
        case .unknownFormat: MessageEntry("unknown format '{0}' (one of {1})", "没有 '{0}' 这种输出格式（可选：{1}）", host: "交互模式的 :format 参数不对。")
        case .unknownEngine: MessageEntry("unknown engine '{0}' (auto or tree)", "没有 '{0}' 这个执行引擎（可选 auto 或 tree）", host: "交互模式的 :engine 参数不对。")
        case .maxRowsNeedsNumber: MessageEntry(":maxrows needs a number of rows (0 shows all), not '{0}'", ":maxrows 需要一个行数（0 表示全部显示），而不是 '{0}'", host: "交互模式的 :maxrows 参数不对。")
        case .nothingToPipe: MessageEntry("nothing to pipe: a line starting with '|' continues the previous value, and there is none yet", "没有可以传给管道的值：以 '|' 开头的行会接着处理上一个值，但现在还没有任何值", host: "交互模式里第一行就以 | 开头。")
        case .usageError: MessageEntry("{0} (gzq --help lists the options)", "{0}（用 gzq --help 查看全部选项）", host: "命令行参数有误时的外层格式，编号取里面那条消息的。")
        case .optionNeedsValue: MessageEntry("{0} needs a value", "{0} 后面需要一个值", host: "命令行选项（如 --format）后面没有给值。")
        case .onlyOneExpression: MessageEntry("only one -e is allowed (put several statements in one EXPR, separated by ';')", "只能有一个 -e（多条语句请写在同一个 EXPR 里，用 ';' 分隔）", host: "命令行写了两个 -e。")
        case .unknownOutputFormat: MessageEntry("unknown format '{0}'", "没有 '{0}' 这种输出格式", host: "gzq --format 的值不是 table、csv、json 或 markdown。")
        case .unknownEngineOption: MessageEntry("unknown engine '{0}'", "没有 '{0}' 这个执行引擎", host: "gzq --engine 的值不是 auto 或 tree。")
        case .threadsOption: MessageEntry("--threads needs a whole number of threads from 1 to 1024", "--threads 后面要写 1 到 1024 之间的整数（线程数）", host: "gzq --threads 的值不对。")
        case .sandboxNoSuchFolder: MessageEntry("--sandbox: no such folder '{0}'", "--sandbox：文件夹 '{0}' 不存在", host: "gzq --sandbox 给的文件夹不存在。")
        case .sandboxNotAFolder: MessageEntry("--sandbox: '{0}' is not a folder", "--sandbox：'{0}' 不是文件夹", host: "gzq --sandbox 给的是文件，不是文件夹。")
        case .maxStepsNeedsPositive: MessageEntry("--max-steps needs a positive integer", "--max-steps 需要一个正整数", host: "gzq --max-steps 的值不是正整数。")
        case .maxMemoryNeedsPositive: MessageEntry("--max-memory needs a positive number of megabytes", "--max-memory 需要一个正数（单位 MB）", host: "gzq --max-memory 的值不是正数。")
        case .timeoutNeedsPositive: MessageEntry("--timeout needs a positive number of seconds", "--timeout 需要一个正数（单位秒）", host: "gzq --timeout 的值不是正数。")
        case .unknownLanguage: MessageEntry("unknown language '{0}' (en or zh)", "不支持语言 '{0}'（可选 en 或 zh）", host: "gzq --lang 的值不是 en 或 zh。")
        case .unknownOption: MessageEntry("unknown option '{0}'", "没有 '{0}' 这个选项", host: "命令行里有 gzq 无法识别的选项；用 gzq --help 查看全部选项。")
        case .scriptUnreadable: MessageEntry("cannot read '{0}'", "无法读取 '{0}'", host: "gzq 脚本.gzq 或 gzq --check 脚本.gzq 给的文件不存在或读不了。")
        case .internalError: MessageEntry("internal error: {0}", "内部错误：{0}", host: "这是 gzq 自身的缺陷，不是你的程序写错了。请把程序和数据（可先脱敏）发给维护者。")
        case .badCellReference: MessageEntry("{0}: bad cell reference '{1}'", "{0}：单元格引用 '{1}' 有误")
        case .rowTooWide: MessageEntry("{0}: row {1} has more than {2} cells", "{0}：第 {1} 行的单元格超过 {2} 个")
        case .cellOutsideRow: MessageEntry("{0}: a cell lies outside any row", "{0}：有单元格不在任何行里")
        case .badRowNumber: MessageEntry("{0}: bad row number '{1}'", "{0}：行号 '{1}' 有误")
        case .cellInsideCell: MessageEntry("{0}!{1}: a cell inside a cell", "{0}!{1}：单元格里嵌套了单元格")
        case .badSharedStringIndex: MessageEntry("{0}!{1}: bad shared-string index '{2}'", "{0}!{1}：共享字符串序号 '{2}' 有误")
        case .badDate: MessageEntry("{0}!{1}: bad date '{2}'", "{0}!{1}：日期 '{2}' 有误")
        case .unknownCellType: MessageEntry("{0}!{1}: unknown cell type '{2}'", "{0}!{1}：无法识别的单元格类型 '{2}'")
        case .emptyNumber: MessageEntry("{0}!{1}: empty number", "{0}!{1}：数值是空的")
        case .cellNotANumber: MessageEntry("{0}!{1}: '{2}' is not a number", "{0}!{1}：'{2}' 不是数值")
        case .sheetEmpty: MessageEntry("{0}: no header row (the sheet is empty)", "{0}：没有表头行（工作表是空的）")
        case .sheetNoHeaderAfterSkip: MessageEntry("{0}: no header row after skipping {1} rows (the last row with a cell is {2})", "{0}：跳过 {1} 行之后没有表头行（有内容的最后一行是第 {2} 行）")
        case .sheetTooLarge: MessageEntry("{0}: {1} rows × {2} columns is more cells than can be read here ({3})", "{0}：{1} 行 × {2} 列，单元格数超过这里能读取的上限（{3}）")
        case .sheetDuplicateColumnName: MessageEntry("{0}!{1}: duplicate column name '{2}' (also in column {3})", "{0}!{1}：列名 '{2}' 重复（第 {3} 列也叫这个名字）")
        case .dateOutOfExcelRange: MessageEntry("{0}!{1}: {2} is not a date Excel can show", "{0}!{1}：{2} 不是 Excel 能显示的日期")
        case .sharedStringMissing: MessageEntry("{0}!{1}: shared string {2} does not exist (the workbook has {3})", "{0}!{1}：共享字符串 {2} 不存在（工作簿里只有 {3} 个）")
        case .notAWorkbookNoZipSignature: MessageEntry("{0}: not an .xlsx workbook (it does not start with a ZIP signature; use read_csv for text files)", "{0}：不是 .xlsx 工作簿（文件开头没有 ZIP 标记；文本文件请用 read_csv）")
        case .inWorkbook: MessageEntry("{0}: {1}", "{0}：{1}")
        case .notAWorkbookMissingPart: MessageEntry("{0}: not an .xlsx workbook (it has no {1}; an .xls, .ods or .docx file is not read)", "{0}：不是 .xlsx 工作簿（其中没有 {1}；不支持 .xls、.ods、.docx 文件，请先在 Excel 或 WPS 里另存为 .xlsx）")
        case .notAWorkbookMainPart: MessageEntry("{0}: not an .xlsx workbook (its main part is {1}; an .xls, .ods or .docx file is not read)", "{0}：不是 .xlsx 工作簿（它的主体部分是 {1}；不支持 .xls、.ods、.docx 文件，请先在 Excel 或 WPS 里另存为 .xlsx）")
        case .noSheetAtIndex: MessageEntry("{0}: there is no sheet {1}: the workbook has {2} ({3}){4}", "{0}：没有第 {1} 张工作表（工作簿里共有 {2} 张：{3}）{4}")
        case .noSheetNamed: MessageEntry("{0}: no sheet named {1} (sheets: {2})", "{0}：没有名为 {1} 的工作表（现有工作表：{2}）")
        case .sheetArgumentInvalid: MessageEntry("'sheet' must be a 1-based index or a sheet name, not {0}", "'sheet' 必须是从 1 开始的序号或工作表名，而不是 {0}")
        case .chartSheet: MessageEntry("{0}[{1}]: a chart sheet holds no cells", "{0}[{1}]：这是图表工作表，没有单元格数据")
        case .sheetPartMissing: MessageEntry("{0}[{1}]: the workbook lacks this sheet's part", "{0}[{1}]：工作簿缺少这张工作表的内容")
        case .notAWorkbookMissing: MessageEntry("{0}: not an .xlsx workbook (it has no {1})", "{0}：不是 .xlsx 工作簿（其中没有 {1}）")
        case .sheetNameTwice: MessageEntry("two sheets are named {0}", "有两张工作表都叫 {0}")
        case .zipNoEndRecord: MessageEntry("damaged or truncated ZIP archive: no end-of-directory record", "ZIP 压缩包损坏或不完整：没有目录结束记录")
        case .zip64NotSupported: MessageEntry("ZIP64 archives are not supported", "不支持 ZIP64 压缩包")
        case .zipDirectoryOutside: MessageEntry("damaged ZIP archive: the central directory lies outside the file", "ZIP 压缩包损坏：中央目录超出了文件范围")
        case .zipBadDirectoryEntry: MessageEntry("damaged ZIP archive: bad central directory entry at byte {0}", "ZIP 压缩包损坏：第 {0} 字节处的中央目录项有误")
        case .zipNamePastDirectory: MessageEntry("damaged ZIP archive: entry name past the directory", "ZIP 压缩包损坏：条目名称超出了目录")
        case .zipBadLocalHeader: MessageEntry("damaged ZIP archive: bad local header of '{0}'", "ZIP 压缩包损坏：'{0}' 的本地文件头有误")
        case .zipEntryPastEnd: MessageEntry("damaged ZIP archive: '{0}' runs past the end of the file", "ZIP 压缩包损坏：'{0}' 超出了文件末尾")
        case .zipEntryTooLarge: MessageEntry("'{0}' would inflate to {1} MB, more than the memory limit allows ({2} MB)", "'{0}' 解压后有 {1} MB，超过了内存上限（{2} MB）")
        case .zipStoredSizesDiffer: MessageEntry("damaged ZIP archive: stored '{0}' has two sizes", "ZIP 压缩包损坏：存储的 '{0}' 有两个不同的大小")
        case .zipImpossibleSize: MessageEntry("damaged ZIP archive: '{0}' claims an impossible size", "ZIP 压缩包损坏：'{0}' 记录的大小不合理")
        case .zipMethodUnsupported: MessageEntry("'{0}' uses ZIP compression method {1}, which is not supported", "'{0}' 使用了不支持的 ZIP 压缩方式 {1}")
        case .zipCRCMismatch: MessageEntry("damaged ZIP archive: '{0}' fails its CRC check", "ZIP 压缩包损坏：'{0}' 没有通过 CRC 校验")
        case .zlibInitFailed: MessageEntry("zlib could not start inflating '{0}'", "zlib 无法开始解压 '{0}'")
        case .zipSizeMismatch: MessageEntry("damaged ZIP archive: '{0}' does not inflate to its recorded size", "ZIP 压缩包损坏：'{0}' 解压后的大小与记录不符")
        case .workbookTooLarge: MessageEntry("the workbook would be larger than a ZIP archive without ZIP64 can hold (4 GiB)", "工作簿会超过不带 ZIP64 的压缩包能容纳的大小（4 GiB）")
        case .writeXlsxNoTables: MessageEntry("write_xlsx(): the record holds no tables (a workbook needs a sheet)", "write_xlsx()：记录里没有表（工作簿至少要有一张工作表）", example: "write_xlsx({}, \"out.xlsx\")")
        case .writeXlsxFieldNotTable: MessageEntry("write_xlsx(): field {0} must be a table, not {1}", "write_xlsx()：字段 {0} 必须是表，而不是 {1}", example: "write_xlsx({a: 1}, \"out.xlsx\")")
        case .writeXlsxFailed: MessageEntry("write_xlsx(): {0}", "write_xlsx()：{0}")
        case .readXlsxSkipNegative: MessageEntry("read_xlsx(): 'skip' must not be negative, not {0}", "read_xlsx()：'skip' 不能是负数，而这里是 {0}", example: "read_xlsx(\"Samples/data/review_cases.xlsx\", skip: -1)")
        case .readXlsxNullsNotStrings: MessageEntry("read_xlsx(): 'nulls' must be a list of strings, not a list holding {0}", "read_xlsx()：'nulls' 必须是字符串列表，而这个列表里有 {0}")
        case .readXlsxNumbersInvalid: MessageEntry("read_xlsx(): 'numbers' must be \"plain\" or \"report\", not {0}", "read_xlsx()：'numbers' 必须是 \"plain\" 或 \"report\"，而不是 {0}")
        case .sheetNameEmpty: MessageEntry("a sheet name cannot be empty", "工作表名不能为空", example: "write_xlsx({\"\": table({n: [1]})}, \"out.xlsx\")")
        case .sheetNameTooLong: MessageEntry("sheet name {0} is longer than Excel's 31 characters", "工作表名 {0} 超过了 Excel 允许的 31 个字符")
        case .sheetNameForbiddenCharacter: MessageEntry("sheet name {0} cannot hold '{1}' (Excel forbids : \\ / ? * [ ])", "工作表名 {0} 不能含有 '{1}'（Excel 不允许 : \\ / ? * [ ]）", example: "write_xlsx({\"a/b\": table({n: [1]})}, \"out.xlsx\")")
        case .sheetNameApostrophe: MessageEntry("sheet name {0} cannot start or end with an apostrophe", "工作表名 {0} 不能以单引号开头或结尾", example: "write_xlsx({\"'a\": table({n: [1]})}, \"out.xlsx\")")
        case .sheetNameControlCharacter: MessageEntry("sheet name {0} cannot hold control characters", "工作表名 {0} 不能含有控制字符")
        case .noSuchRemoteTable: MessageEntry("{0} has no table '{1}'{2}", "{0} 里找不到表 '{1}'{2}", fix: "先用 tables(db) 看库里有哪些表，表名要一字不差（区分大小写）。", example: "let db = sqlite(\":memory:\")\nprint(db.cases)")
        case .databaseDateNotISO: MessageEntry("column '{0}': the database gave '{1}', not an ISO date such as 2021-06-30", "列 '{0}'：数据库给出的是 '{1}'，不是 2021-06-30 这样的 ISO 日期", fix: "SQLite 里的日期要存成 YYYY-MM-DD 文本；用 write_table 存进去的日期就是这种格式。")
        case .databaseTimeLimit: MessageEntry("time limit exceeded: {0}", "超过了时间上限：{0}", host: "gzq --timeout（或宿主程序的时间上限）到时，数据库里正在执行的语句被取消。")
        case .databaseFailed: MessageEntry("database: {0}", "数据库报错：{0}", fix: "冒号后面是数据库自己的原话（SQLite 或 PostgreSQL）；多半是 query() 里的 SQL 写错了，或表、列不存在。", example: "let db = sqlite(\":memory:\")\nquery(db, \"SELEC 1\")")
        case .queryNeedsDatabaseAndSQL: MessageEntry("query() needs a database and the SQL text", "query() 需要一个数据库和一段 SQL 文本", example: "query()")
        case .networkDatabaseNotGranted: MessageEntry("permission denied: {0}() connects to a database server, which this program may not do (the host did not grant network databases; --sandbox never does)", "没有权限：{0}() 要连接数据库服务器，但不允许这个程序这样做（宿主程序没有开放网络数据库；加了 --sandbox 时一律不允许）", host: "在 --sandbox 下运行，或嵌入方没有设置 HostConfiguration.allowsNetworkDatabases。")
        case .writeTableMode: MessageEntry("write_table(): mode must be \"create\", \"replace\" or \"append\", not {0}", "write_table()：mode 必须是 \"create\"、\"replace\" 或 \"append\"，而不是 {0}", example: "write_table(sqlite(\":memory:\"), \"t\", table({a: [1]}), mode: \"overwrite\")")
        case .sqlNeedsRemoteTable: MessageEntry(":sql needs a remote table (a table of a database, such as db.cases), got {0}: it runs here, not as SQL", ":sql 需要一个远程表（数据库里的表，如 db.cases），实际是 {0}：它在本机运行，不会生成 SQL", host: "在交互模式里对本地的表用了 :sql。")
        case .postgresConnectFailed: MessageEntry("postgres(): {0}", "postgres()：{0}", fix: "冒号后面是 libpq 的原话：检查主机、端口、用户名、库名和密码（报错里不会显示密码）。", host: "连接 PostgreSQL 服务器失败。")
        case .checkWarning: MessageEntry(.warning, "check failed for {0} of {1} row{3}: {2}", "check 未通过：{1} 行中有 {0} 行不满足 {2}", fix: "这是警告，程序继续运行；核对列出的行。", host: "check … warn 发现不满足条件的行时给出的警告（程序继续运行），经 HostConfiguration.diagnostics 交给宿主程序，命令行打印到标准错误。")
        case .expectsTable: MessageEntry(.fragment, "a table", "表")
        case .expectsColumnNameListColumnNames: MessageEntry(.fragment, "a column name or a list of column names", "列名或列名列表")
        case .expectsChart: MessageEntry(.fragment, "a chart", "图表")
        case .expectsString: MessageEntry(.fragment, "a string", "字符串")
        case .expectsInt: MessageEntry(.fragment, "an int", "整数")
        case .expectsTrueFalse: MessageEntry(.fragment, "true or false", "true 或 false")
        case .expectsNumber: MessageEntry(.fragment, "a number", "数值")
        case .expectsList: MessageEntry(.fragment, "a list", "列表")
        case .expectsFunction: MessageEntry(.fragment, "a function", "函数")
        case .expectsStringListRecordTable: MessageEntry(.fragment, "a string, list, record or table", "字符串、列表、记录或表")
        case .expectsRecord: MessageEntry(.fragment, "a record", "记录")
        case .expectsListString: MessageEntry(.fragment, "a list or string", "列表或字符串")
        case .expectsNumberBoolString: MessageEntry(.fragment, "a number, bool or string", "数值、布尔值或字符串")
        case .expectsDate: MessageEntry(.fragment, "a date", "日期")
        case .expectsTableRecordTables: MessageEntry(.fragment, "a table or a record of tables", "表或由表组成的记录")
        case .expectsBasedIndexSheetName: MessageEntry(.fragment, "a 1-based index or a sheet name", "从 1 开始的序号或工作表名")
        case .expectsBool: MessageEntry(.fragment, "a bool", "布尔值")
        case .expectsRecordListsListRecords: MessageEntry(.fragment, "a record of lists or a list of records", "由列表组成的记录，或由记录组成的列表")
        case .didYouMean: MessageEntry(.fragment, " (did you mean '{0}'?)", "（你是不是想写 '{0}'？）")
        case .useWhere: MessageEntry(.fragment, "use 'where' to keep rows (where condition)", "筛选行请用 'where'（写法：where 条件）")
        case .useTake: MessageEntry(.fragment, "use 'take n' to keep the first rows", "取前几行请用 'take n'")
        case .groupByIsSummarize: MessageEntry(.fragment, "'group by' is written 'summarize name = aggregate(…) by column'", "'group by' 写作 'summarize 名称 = 聚合(…) by 列'")
        case .orderByIsSort: MessageEntry(.fragment, "'order by' is written 'sort column' (add 'desc' to reverse)", "'order by' 写作 'sort 列'（降序加 'desc'）")
        case .quoteToCompare: MessageEntry(.fragment, " (to compare with the text, write \"{0}\")", "（如果是要和文字比较，请加引号：\"{0}\"）")
        case .quoteForText: MessageEntry(.fragment, " (for the text, write \"{0}\")", "（如果要写的是文字，请加引号：\"{0}\"）")
        case .joinKeyNamedDifferently: MessageEntry(.fragment, " (when the key is named differently there, write 'on {0} == its_name')", "（如果右表里的键列叫别的名字，请写 'on {0} == 右表的列名'）")
        case .relativePathLookedUp: MessageEntry(.fragment, " (a relative path, looked up in {0})", "（相对路径，在 {0} 下查找）")
        case .permissionDeniedReason: MessageEntry(.fragment, "permission denied", "没有权限")
        case .couldNotReadOrWrite: MessageEntry(.fragment, "the file could not be read or written", "文件无法读写")
        case .didYouMeanCommand: MessageEntry(.fragment, "did you mean ':{0}'? ", "你是不是想输入 ':{0}'？")
        case .chartAndGroup: MessageEntry(.fragment, " and {0} = {1}", "、{0} = {1}")
        case .aType: MessageEntry(.fragment, "a {0}", "{0}")
        case .sheetNamedLikeIndex: MessageEntry(.fragment, "; for the sheet named \"{0}\" write sheet: \"{0}\"", "；要读名为 \"{0}\" 的工作表，请写 sheet: \"{0}\"")
        case .anType: MessageEntry(.fragment, "an {0}", "{0}")
        case .operationAdd: MessageEntry(.fragment, "add", "加法")
        case .operationSubtract: MessageEntry(.fragment, "subtract", "减法")
        case .operationMultiply: MessageEntry(.fragment, "multiply", "乘法")
        case .operationDivide: MessageEntry(.fragment, "divide", "除法")
        case .operationRaise: MessageEntry(.fragment, "raise", "乘方")
        case .operationRemainder: MessageEntry(.fragment, "take the remainder of", "求余")
        case .importNotFound: MessageEntry(.fragment, "no such file next to the importing file or in the standard library", "发起导入的文件所在的文件夹里和标准库里都没有这个文件")
        case .jsonEndOfFile: MessageEntry(.fragment, "the end of the file", "文件末尾")
        case .jsonByte: MessageEntry(.fragment, "byte 0x{0}", "字节 0x{0}")
        case .jsonAString: MessageEntry(.fragment, "a string", "字符串")
        case .jsonAnArray: MessageEntry(.fragment, "an array", "数组")
        case .jsonABool: MessageEntry(.fragment, "a bool", "布尔值")
        case .jsonANumber: MessageEntry(.fragment, "a number", "数值")
        case .jsonAnObject: MessageEntry(.fragment, "an object", "对象")
        case .jsonNumbers: MessageEntry(.fragment, "numbers", "数值")
        case .jsonBools: MessageEntry(.fragment, "bools", "布尔值")
        case .jsonDates: MessageEntry(.fragment, "dates", "日期")
        case .jsonStrings: MessageEntry(.fragment, "strings", "字符串")
        case .reportNotANumber: MessageEntry(.fragment, "is not a number", "不是数字")
        case .reportGrouping: MessageEntry(.fragment, "is not a number (thousands separators must group three digits: 1,069)", "不是数字（千分位分隔符必须三位一组：1,069）")
        case .reportLeadingZeros: MessageEntry(.fragment, "is not a number (leading zeros: an identifier, not a quantity)", "不是数字（有前导零：这是编号，不是数量）")
        case .reportTooLarge: MessageEntry(.fragment, "is too large for an int (the limit is 9223372036854775807)", "太大，超出整数范围（上限是 9223372036854775807）")
        case .expectedDisplayFormat: MessageEntry(.fragment, "expected a display format: pct(digits), num(digits), cn(digits) or fixed(digits)", "这里应有显示格式：pct(位数)、num(位数)、cn(位数) 或 fixed(位数)")
        case .argumentCountRange: MessageEntry(.fragment, "{0} to {1}", "{0} 到 {1}")
        case .contextAfterAs: MessageEntry(.fragment, "after 'as'", "在 as 后面")
        case .contextAfterCatch: MessageEntry(.fragment, "after 'catch'", "在 catch 后面")
        case .contextAfterElse: MessageEntry(.fragment, "after 'else'", "在 else 后面")
        case .contextAfterFn: MessageEntry(.fragment, "after 'fn'", "在 fn 后面")
        case .contextAfterFor: MessageEntry(.fragment, "after 'for'", "在 for 后面")
        case .contextAfterImport: MessageEntry(.fragment, "after 'import'", "在 import 后面")
        case .contextAfterLet: MessageEntry(.fragment, "after 'let'", "在 let 后面")
        case .contextAfterTry: MessageEntry(.fragment, "after 'try'", "在 try 后面")
        case .contextAfterTheCatchVariable: MessageEntry(.fragment, "after the 'catch' variable", "在 catch 的变量名后面")
        case .contextAfterTheForHeader: MessageEntry(.fragment, "after the 'for' header", "在 for … in … 后面")
        case .contextAfterTheIfCondition: MessageEntry(.fragment, "after the 'if' condition", "在 if 条件后面")
        case .contextAfterTheWhileCondition: MessageEntry(.fragment, "after the 'while' condition", "在 while 条件后面")
        case .contextAfterTheFieldName: MessageEntry(.fragment, "after the field name", "在字段名后面")
        case .contextAfterTheLoopVariable: MessageEntry(.fragment, "after the loop variable", "在循环变量后面")
        case .contextAfterTheNameInLet: MessageEntry(.fragment, "after the name in 'let'", "在 let 的名称后面")
        case .contextBetweenTheNameAndValueColumnsOfInto: MessageEntry(.fragment, "between the name and value columns of 'into'", "在 into 的名称列和值列之间")
        case .contextBetweenThePivotKeyAndValueColumns: MessageEntry(.fragment, "between the pivot key and value columns", "在 pivot 的键列和值列之间")
        case .contextForAColumnName: MessageEntry(.fragment, "for a column name", "用作列名")
        case .contextForAKeyColumn: MessageEntry(.fragment, "for a key column", "用作键列")
        case .contextForAParameter: MessageEntry(.fragment, "for a parameter", "用作参数名")
        case .contextForTheColumn: MessageEntry(.fragment, "for the column", "用作列名")
        case .contextForTheColumnOfTheUnpivotedNames: MessageEntry(.fragment, "for the column of the unpivoted names", "用作 unpivot 的名称列")
        case .contextForTheColumnOfTheUnpivotedValues: MessageEntry(.fragment, "for the column of the unpivoted values", "用作 unpivot 的值列")
        case .contextForTheColumnToComplete: MessageEntry(.fragment, "for the column to complete", "用作要补齐的列")
        case .contextForTheJoinedTableSKeyColumn: MessageEntry(.fragment, "for the joined table's key column", "用作右表的键列")
        case .contextForTheNewColumnName: MessageEntry(.fragment, "for the new column name", "用作新列名")
        case .contextForTheOldColumnName: MessageEntry(.fragment, "for the old column name", "用作旧列名")
        case .contextForThePivotKeyColumn: MessageEntry(.fragment, "for the pivot key column", "用作 pivot 的键列")
        case .contextForThePivotValueColumn: MessageEntry(.fragment, "for the pivot value column", "用作 pivot 的值列")
        case .contextInCompleteColumnValues: MessageEntry(.fragment, "in 'complete column = values'", "在 'complete 列 = 取值列表' 里")
        case .contextInRenameNewOld: MessageEntry(.fragment, "in 'rename new = old'", "在 'rename 新名 = 旧名' 里")
        case .contextToClose: MessageEntry(.fragment, "to close '('", "与前面的 '(' 配对")
        case .contextToCloseTheArgumentList: MessageEntry(.fragment, "to close the argument list", "用来结束参数列表")
        case .contextToCloseTheBlock: MessageEntry(.fragment, "to close the block", "用来结束代码块")
        case .contextToCloseTheIndex: MessageEntry(.fragment, "to close the index", "用来结束下标")
        case .contextToCloseTheList: MessageEntry(.fragment, "to close the list", "用来结束列表")
        case .contextToCloseTheParameterList: MessageEntry(.fragment, "to close the parameter list", "用来结束参数列表")
        case .contextToCloseTheRecord: MessageEntry(.fragment, "to close the record", "用来结束记录")
        case .contextToStartTheParameterList: MessageEntry(.fragment, "to start the parameter list", "用来开始参数列表")
        case .tokenNumber: MessageEntry(.fragment, "number", "数字")
        case .tokenString: MessageEntry(.fragment, "string", "字符串")
        case .tokenDate: MessageEntry(.fragment, "date", "日期")
        case .tokenName: MessageEntry(.fragment, "name", "名称")
        case .tokenEndOfLine: MessageEntry(.fragment, "end of line", "行尾")
        case .tokenEndOfInput: MessageEntry(.fragment, "end of input", "程序结尾")
        case .tokenInvalidText: MessageEntry(.fragment, "invalid text", "无法识别的文字")
        case .expectsRemoteTable: MessageEntry(.fragment, "a remote table (a table of a database: db.cases)", "远程表（数据库里的表，如 db.cases）")
        case .expectsDatabase: MessageEntry(.fragment, "a database (from sqlite(…) or postgres(…))", "数据库（由 sqlite(…) 或 postgres(…) 打开）")
        case .databaseTablesAre: MessageEntry(.fragment, " (tables: {0})", "（库里的表：{0}）")
        case .databaseHasNoTables: MessageEntry(.fragment, " (it has no tables)", "（库里还没有表）")
        case .expectsFloat: MessageEntry(.fragment, "a float", "浮点数")
        case .checkFirstRows: MessageEntry(.fragment, "the first {0} of them:", "其中前 {0} 行：")
        case .checkTheRow: MessageEntry(.fragment, "the row:", "这一行：")
        case .checkTheRows: MessageEntry(.fragment, "the rows:", "这些行：")
        case .calledFrom: MessageEntry(.fragment, "called from {0}", "调用位置：{0}")
        case .callerTimes: MessageEntry(.fragment, " ({0} times)", "（共 {0} 次）")
        case .moreCallers: MessageEntry(.fragment, "… and {0} more call{1}", "……还有 {0} 处调用")
        case .tokenOther: MessageEntry(.fragment, "token", "符号")
        }
    }
}
