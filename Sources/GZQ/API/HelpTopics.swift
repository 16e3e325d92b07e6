/// The REPL's `:help` texts for keywords and syntax, and the Chinese texts of the stage and
/// meta-command help (the English synopses stay in `Session.stageHelp` and
/// `Session.metaCommands`). Every topic has an English and a Chinese text; `HelpTopicsTests`
/// fails when one is missing. Names of functions, stages and columns are never translated.
struct HelpTopic {
    /// What `:help` accepts for it; the first is the name listed by `:help`.
    let names: [String]
    let english: String
    let chinese: String
}

enum HelpTopics {
    static let topics: [HelpTopic] = [
        HelpTopic(names: ["let"], english: """
            let NAME = EXPR
              declares a variable in the current block (it may shadow an outer one);
              NAME = EXPR assigns one already declared (an undeclared name is an error).
              example: let 纠错率 = rate(3412, 17426)
            """, chinese: """
            let 名称 = 表达式
              在当前代码块中声明变量（可与外层同名，内层优先）；
              名称 = 表达式 给已声明的变量重新赋值（未声明就赋值会报错）。
              示例：let 纠错率 = rate(3412, 17426)
            """),
        HelpTopic(names: ["fn"], english: """
            fn NAME(a, b = 2) { ... }      fn(x) EXPR
              defines a function; b = 2 is a default. The value of the body's last expression is
              returned (return leaves early). fn(x) x * 2 is an anonymous function. Arguments may
              be named in a call: fmt_pct(x, digits: 1). Functions capture variables (closures).
              example: fn growth(old, new) { (new - old) / old }
            """, chinese: """
            fn 名称(a, b = 2) { ... }      fn(x) 表达式
              定义函数；b = 2 是默认值。函数体最后一个表达式的值就是返回值（return 可提前返回）。
              fn(x) x * 2 是匿名函数。调用时可以写参数名：fmt_pct(x, digits: 1)。
              函数会捕获外面的变量（闭包）。
              示例：fn 增幅(old, new) { (new - old) / old }
            """),
        HelpTopic(names: ["if", "else"], english: """
            if COND { ... } else if COND { ... } else { ... }
              an expression: its value is the value of the branch taken (null when no branch
              runs). Only false and null are false; 0 and "" count as true.
              example: let word = if r < 10% { "低" } else { "高" }
            """, chinese: """
            if 条件 { ... } else if 条件 { ... } else { ... }
              是一个表达式，值为所执行分支的值（没有分支执行时为 null）。
              只有 false 和 null 算“假”，0 和 "" 都算“真”。
              示例：let 评价 = if r < 10% { "低" } else { "高" }
            """),
        HelpTopic(names: ["for", "in"], english: """
            for NAME in EXPR { ... }
              runs the block once for each item of a list, each number of a range (2017..2021)
              or each row of a table (a record: row.region). break and continue work inside.
              x in xs (outside for) asks whether xs contains x: list item, record key,
              substring, table column.
              example: for y in 2017..2021 { print(y) }
            """, chinese: """
            for 名称 in 表达式 { ... }
              对列表的每一项、区间（2017..2021）的每个数、表格的每一行（记录，如 row.region）
              各执行一次代码块。块内可用 break、continue。
              在 for 之外，x in xs 判断 xs 是否包含 x：列表元素、记录的键、子串、表格的列名。
              示例：for y in 2017..2021 { print(y) }
            """),
        HelpTopic(names: ["while"], english: """
            while COND { ... }
              repeats the block while COND is true; break and continue work inside.
              example: let n = 0; while n < 3 { n = n + 1 }
            """, chinese: """
            while 条件 { ... }
              条件为真时反复执行代码块；块内可用 break、continue。
              示例：let n = 0; while n < 3 { n = n + 1 }
            """),
        HelpTopic(names: ["break"], english: """
            break
              leaves the innermost for or while loop at once.
              example: for y in 2017..2021 { if y == 2020 { break }; print(y) }
            """, chinese: """
            break
              立即跳出最内层的 for 或 while 循环。
              示例：for y in 2017..2021 { if y == 2020 { break }; print(y) }
            """),
        HelpTopic(names: ["continue"], english: """
            continue
              skips the rest of the block and goes on with the next round of the loop.
              example: for y in 2017..2021 { if y == 2019 { continue }; print(y) }
            """, chinese: """
            continue
              跳过本轮剩下的语句，直接进入循环的下一轮。
              示例：for y in 2017..2021 { if y == 2019 { continue }; print(y) }
            """),
        HelpTopic(names: ["return"], english: """
            return [EXPR]
              leaves the function with EXPR's value (null without one). Without return, a
              function returns the value of its body's last expression.
              example: fn safe(a, b) { if b == 0 { return null }; a / b }
            """, chinese: """
            return [表达式]
              结束函数并返回表达式的值（不写表达式时返回 null）。不写 return 时，
              函数返回函数体最后一个表达式的值。
              示例：fn 相除(a, b) { if b == 0 { return null }; a / b }
            """),
        HelpTopic(names: ["try", "catch"], english: """
            try { ... } catch NAME { ... }
              runs the first block; if it raises a runtime error, runs the second with NAME bound
              to the record {message, line, column, file}. error(msg) raises an error.
              example: try { error("目标未达成") } catch e { print(e.message) }
            """, chinese: """
            try { ... } catch 名称 { ... }
              执行第一个代码块；如果出现运行时错误，就执行第二个代码块，此时“名称”是一条记录
              {message, line, column, file}（错误信息、行、列、文件）。error(信息) 主动报错。
              示例：try { error("目标未达成") } catch e { print(e.message) }
            """),
        HelpTopic(names: ["import", "as"], english: """
            import "FILE.gzq" [as NAME]
              runs the file once (looked up next to the importing file, then in the standard
              library) and brings its top-level names into scope; with as NAME they are the
              fields of the record NAME instead.
              example: import "lib.gzq" as lib
            """, chinese: """
            import "文件.gzq" [as 名称]
              运行该文件（只运行一次；先在当前脚本所在目录找，再到标准库里找），
              并引入其顶层名称；写了 as 名称 时，这些名称放进记录“名称”，作为它的字段。
              示例：import "lib.gzq" as lib
            """),
        HelpTopic(names: ["and", "or", "not"], english: """
            a and b      a or b      not a
              logic. and/or stop as soon as the answer is known and return the operand that
              decided it (0 or "x" is 0: 0 is true). not binds looser than comparisons:
              not year == 2021 means not (year == 2021). Write and/or, not && or ||.
              example: cases | where year == 2021 and region != "贵阳市"
            """, chinese: """
            a and b      a or b      not a
              逻辑运算（与、或、非）。and/or 一旦能确定结果就不再往下算，返回起决定作用的那个
              操作数（0 or "x" 的值是 0，因为 0 算真）。not 的优先级低于比较：
              not year == 2021 即 not (year == 2021)。请写 and/or，不要写 && 或 ||。
              示例：cases | where year == 2021 and region != "贵阳市"
            """),
        HelpTopic(names: ["operators", "mod", "??", ".."], english: """
            operators, loosest first:
              |  (pipe)    ??  (null default)    or    and    not
              == != < <= > >= in    ..  (range: 2017..2021)    + -    * / // mod    - (negation)    ^
              / always gives a float; // and mod are floored (-7 // 2 is -4); the remainder is
              mod, because % marks percent literals. Dividing by zero gives null; null in
              arithmetic gives null; x ?? y is y when x is null. = assigns; compare with ==.
              example: print(7 / 2, 7 // 2, 7 mod 2, 2 ^ 10, null ?? "无")
            """, chinese: """
            运算符（从优先级最低的开始）：
              |（管道）   ??（空值时取默认值）   or   and   not
              == != < <= > >= in   ..（区间：2017..2021）   + -   * / // mod   -（负号）   ^
              / 的结果总是浮点数；// 和 mod 向下取整（-7 // 2 得 -4）。求余数用 mod，
              因为 % 用来写百分数。除以零得 null；null 参与运算得 null；x 为 null 时
              x ?? y 取 y。= 是赋值，判断相等要写 ==。
              示例：print(7 / 2, 7 // 2, 7 mod 2, 2 ^ 10, null ?? "无")
            """),
        HelpTopic(names: ["numbers", "%", "万", "亿"], english: """
            numbers: 42   1_000_000   3.14   1e6   65.81%   610万   1.43亿
              ints are 64-bit (overflow is an error); a digit string followed at once by % is a
              percent (65.81% is the float 0.6581); 万 multiplies by 10 000 and 亿 by
              100 000 000 (1.43亿 is the int 143000000). Scaling is exact in decimal:
              58.82% == 0.5882 is true. Rates are fractions; fmt_pct shows them as percents.
              example: print(65.81%, 610万, 1.43亿)
            """, chinese: """
            数字：42   1_000_000   3.14   1e6   65.81%   610万   1.43亿
              整数为 64 位（溢出会报错，不会悄悄回绕）；数字后紧跟 % 表示百分数
              （65.81% 就是浮点数 0.6581）；万 表示乘以一万，亿 表示乘以一亿
              （1.43亿 就是整数 143000000）。换算按十进制精确进行：58.82% == 0.5882 为真。
              比率以小数存放，用 fmt_pct 显示成百分数。
              示例：print(65.81%, 610万, 1.43亿)
            """),
        HelpTopic(names: ["strings", "interpolation"], english: """
            strings: "贵阳市"   "a\\tb"   "\\u{4E2D}"   "纠错率 \\(fmt_pct(r))"
              text in double quotes; escapes \\n \\t \\r \\\\ \\" \\u{XXXX}; \\(EXPR) inserts the value
              of EXPR (interpolation). + joins strings; len counts characters; "阳" in "贵阳市"
              asks for a substring. Strings compare by code point, whatever the locale.
              example: let 地区 = "毕节市"; print("\\(地区)纠错率\\(fmt_pct(7.7%, 1))")
            """, chinese: """
            字符串："贵阳市"   "a\\tb"   "\\u{4E2D}"   "纠错率 \\(fmt_pct(r))"
              用双引号括起的文字；转义符有 \\n \\t \\r \\\\ \\" \\u{XXXX}；\\(表达式) 把表达式的值
              嵌入字符串（字符串插值）。+ 连接字符串；len 求字符数；"阳" in "贵阳市"
              判断是否含有子串。字符串按 Unicode 码位比较大小，与系统区域设置无关。
              示例：let 地区 = "毕节市"; print("\\(地区)纠错率\\(fmt_pct(7.7%, 1))")
            """),
        HelpTopic(names: ["dates", "@"], english: """
            dates: @2021-06-30
              a calendar day without time zone; compare with < and ==; date(y, m, d) builds one,
              year(d), month(d), day(d) take it apart, days_between(a, b) counts days, today().
              read_csv reads ISO dates (2021-06-30) as dates.
              example: print(days_between(@2021-01-01, @2021-12-31))
            """, chinese: """
            日期：@2021-06-30
              不带时区的日历日期，可以用 < 和 == 比较；date(年, 月, 日) 构造日期，year、month、day
              取出年月日，days_between(a, b) 计算相隔天数，today() 取今天。
              read_csv 把 2021-06-30 这样的 ISO 格式读成日期。
              示例：print(days_between(@2021-01-01, @2021-12-31))
            """),
        HelpTopic(names: ["null"], english: """
            null
              the absent value: an empty CSV cell, a rate whose whole is 0, a division by zero.
              Arithmetic and ordering with null give null; == treats it as a value
              (null == null is true); where drops rows whose condition is null; aggregates skip
              nulls; x ?? y replaces a null. Tables print it as null.
              example: print(rate(5, 0), null ?? 0, sum([1, null, 2]))
            """, chinese: """
            null（空值）
              表示“没有值”：CSV 中的空单元格、分母为 0 的比率、除以零的结果都是 null。
              null 参与算术或大小比较，结果为 null；== 把它当普通值（null == null 为真）；
              where 会去掉条件为 null 的行；聚合函数跳过 null；x ?? y 在 x 为 null 时取 y。
              表格中显示为 null。
              示例：print(rate(5, 0), null ?? 0, sum([1, null, 2]))
            """),
        HelpTopic(names: ["pipes", "|", "stages"], english: """
            TABLE | STAGE ...        VALUE | f(a)
              a pipeline: each stage takes the table on its left and gives a new one; a line
              that starts with | continues the pipeline of the line above. Inside a stage a bare
              name is a column of the table (else a variable). x | f(a) calls f(x, a).
              In the REPL a line starting with | pipes the last value shown (_).
              stages: where select derive summarize sort take join distinct rename drop append
              pivot format check complete (:help STAGE for each)
              example: cases | where year == 2021 | summarize n = sum(concluded) by region
            """, chinese: """
            表格 | 步骤 ...        值 | f(a)
              管道：每个步骤接收左边的表格，产生一张新表；以 | 开头的行接着上一行的管道写。
              在步骤内部，直接写名称表示表格中的列（没有该列时才是变量）。x | f(a) 即 f(x, a)。
              交互模式下以 | 开头的一行，作用于上一次显示的值（_）。
              步骤有：where select derive summarize sort take join distinct rename drop append
              pivot format check complete（逐个查看：:help 步骤名）
              示例：cases | where year == 2021 | summarize n = sum(concluded) by region
            """),
    ]

    /// Chinese texts of the stage synopses in `Session.stageHelp` (same keys).
    static let stagesChinese: [String: String] = [
        "where": "保留条件 p 为真的行",
        "select": "按所列顺序保留列、按表达式计算列或改名",
        "derive": "新增或替换列；加 by 时，窗口函数和聚合函数只在该行所在分组内计算",
        "summarize": "每组汇总成一行（按首次出现的顺序），键列在前；不写 by 时只得一行；total 在最后加一行，对全部输入行合计（标签写在第一个键列，其他键列为 null，比率按合计数重新计算）",
        "sort": "稳定排序（相同的值保持原有顺序）；null 排在最后",
        "take": "取前 n 行；加 by 时取每组前 n 行，保持原有顺序（sort rate desc | take 3 by level）",
        "join": "按键相等连接两表（a == b：两边列名不同，右边的键列不保留）；null 键不匹配任何行；先按左表行序，再列出未匹配的右表行（right、full）；右表中重名的列加后缀 _right",
        "distinct": "去掉重复行（或按所列列去重，保留第一行）",
        "rename": "给列改名",
        "drop": "删除列",
        "append": "把 t2 的行接在后面，按列名对应",
        "pivot": "把 k 的每个不同值变成一列，值取 v，其余列作为行分组（类似 Excel 数据透视表）",
        "unpivot": "把宽表的若干列转成两列（列名、值），每个输入行按列的顺序展开成多行",
        "format": "设定数字列的显示格式（pct、num、cn、fixed，d 为小数位数），不改变数值本身",
        "check": "每一行都满足全部条件时原样返回表格（null 视为通过）；否则报错，给出不满足的行数和前几行；加 warn 时只给警告，表格照常往下传",
        "complete": "让每个分组都有 c 的每个取值（补出的行其他列为 null），组内按所给取值的顺序排列；c 为其他取值的行排在后面",
    ]

    /// Chinese texts of `Session.metaCommands` (same names).
    static let metaCommandsChinese: [String: String] = [
        "help": "显示本帮助，或某个函数、步骤、关键字的说明",
        "quit": "退出交互模式（也可按 Ctrl-D）",
        "load": "在当前会话中运行脚本，脚本定义的变量保留",
        "vars": "列出目前定义的变量",
        "schema": "显示表格的列名和类型（默认看 _）",
        "sql": "远程表（数据库里的表）要执行的 SQL（默认：_）",
        "time": "显示每条输入的运行时间",
        "format": "设置值的显示方式",
        "engine": "选择运行表格步骤的引擎",
        "bytecode": "显示管道的执行计划：每一步及其快速路径程序（反汇编），或为何由树解释器执行",
        "maxrows": "表格超过多少行时省略中间部分（0 表示全部显示；默认 40）",
    ]

    /// The topic `name` names, in `language`, or nil.
    static func topic(_ name: String, in language: Language) -> String? {
        guard let topic = topics.first(where: { $0.names.contains(name) }) else { return nil }
        return language.pick(topic.english, topic.chinese) + "\n"
    }

    /// The help of stage `name` in `language`, or nil when there is no such stage.
    static func stage(_ name: String, in language: Language) -> String? {
        guard let stage = Session.stageHelp[name] else { return nil }
        if language == .zh, let summary = stagesChinese[name] {
            return "\(stage.syntax)   （表格步骤）\n  \(summary)\n"
        }
        return "\(stage.syntax)   (table stage)\n  \(stage.summary)\n"
    }

    /// What `:help` alone prints: how the REPL works, the meta-commands, and the topics.
    static func overview(in language: Language) -> String {
        var text = language.pick("""
            Type an expression or statement; its value prints and is kept in `_`.
            A line starting with `|` pipes the previous value on:  | where year == 2021
            A line continues (...>) while brackets are open or after a trailing operator or `|`.
            Tab completes names (columns too, inside a stage); Ctrl-C cancels or interrupts; Ctrl-D leaves.

            """, """
            输入表达式或语句，它的值会显示出来，并保存在 `_` 中。
            以 `|` 开头的一行把上一个值接着往下传：  | where year == 2021
            括号没有闭合，或行尾是运算符、`|` 时，下一行接着写（提示符 ...>）。
            Tab 键补全名称（在步骤中也补全列名）；Ctrl-C 取消输入或中断运行；Ctrl-D 退出。

            """)
        for command in Session.metaCommands {
            let usage = ":\(command.name)" + (command.arguments.isEmpty ? "" : " " + command.arguments)
            let summary = language == .zh ? metaCommandsChinese[command.name] ?? command.summary : command.summary
            text += "  " + usage.padding(toLength: 34, withPad: " ", startingAt: 0) + summary + "\n"
        }
        let names = topics.map { $0.names[0] }.joined(separator: " ")
        let stages = Session.stageHelp.keys.sorted().joined(separator: " ")
        text += language.pick("""

            Keywords and syntax: \(names)
              (other names work too: :help else, :help or, :help 万, :help |, ...)
            Stages: \(stages)
            One item: :help NAME, for a keyword, stage or function (e.g. :help let, :help summarize, :help rate).

            """, """

            关键字和语法：\(names)
              （也可以用别的名称：:help else、:help or、:help 万、:help | 等）
            表格步骤：\(stages)
            单项说明：:help 名称，名称可以是关键字、步骤或函数（例如 :help let、:help summarize、:help rate）。

            """)
        return text
    }

    /// Every name `:help` accepts for a topic (for completion and suggestions).
    static var names: [String] { topics.flatMap(\.names) }
}
