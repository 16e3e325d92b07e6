import GZQ

/// The text of `gzq --help`, in the chosen language (the two say the same thing).
func usage(_ language: Language) -> String {
    language == .zh ? usageChinese : usageEnglish
}

private let usageEnglish = """
usage: gzq [options] [FILE.gzq [ARG...]]
       gzq [options] -e EXPR [ARG...]
       gzq --check FILE
       gzq [-i]

  FILE               run a script; its arguments are the list `args`
  -e EXPR            evaluate EXPR and print its value; later arguments are `args`
  --check FILE       parse and resolve only; report every error found
  -i                 start the REPL even when standard input is not a terminal
  --format F         how -e and the REPL print tables: table, csv, json, markdown
  --engine E         auto (default) or tree
  --threads N        threads for reading big files and running table steps (default: every core)
  --dump-bytecode    print each fast-path program to stderr as it runs
  --sandbox DIR      allow file access only inside DIR (repeatable)
  --max-steps N      stop after N calls and loop iterations
  --max-memory MB    limit the memory held by tables
  --timeout S        stop after S seconds
  --lang en|zh       language of help (default: from LC_ALL, LC_MESSAGES or LANG)
  -h, --help         show this help
  --version          show the version
  --                 end of options: every later argument goes into `args`

With no FILE, gzq reads a script from standard input, or starts the REPL when
standard input is a terminal.
"""

private let usageChinese = """
用法：gzq [选项] [脚本.gzq [参数...]]
      gzq [选项] -e 表达式 [参数...]
      gzq --check 脚本
      gzq [-i]

  脚本               运行脚本文件；其后的参数组成列表 `args`
  -e 表达式          计算表达式并打印结果；其后的参数组成 `args`
  --check 脚本       只做语法和名称检查，列出发现的全部错误
  -i                 即使标准输入不是终端，也进入交互模式（REPL）
  --format F         -e 和交互模式下表格的显示方式：table、csv、json、markdown
  --engine E         auto（默认）或 tree
  --threads N        读取大文件、执行表格步骤时使用的线程数（默认：使用全部 CPU 核心）
  --dump-bytecode    运行时把每个快速路径程序打印到标准错误
  --sandbox 文件夹   只允许读写该文件夹内的文件（可重复指定）
  --max-steps N      函数调用和循环累计 N 次后停止
  --max-memory MB    限制表格占用的内存（单位 MB）
  --timeout S        运行 S 秒后停止
  --lang en|zh       帮助文字的语言（默认按 LC_ALL、LC_MESSAGES、LANG 确定）
  -h, --help         显示本帮助
  --version          显示版本号
  --                 选项到此为止：其后的参数全部放入 `args`

不指定脚本时，gzq 从标准输入读取脚本；标准输入是终端时进入交互模式。
"""
