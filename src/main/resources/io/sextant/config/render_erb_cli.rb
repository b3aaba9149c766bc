# Run after render_erb.rb by a `ruby` on PATH: renders the ERB template read from standard input in this process's
# directory and environment (SextantErb.render) and writes the text to the file named by ARGV[0], so that whatever
# the template itself prints stays apart. On failure "kind<TAB>line<TAB>message" goes there instead, exit status 3.
module SextantErb
  # In a method: no local variable of ours is visible in the template's copy of the top-level binding.
  def self.main(result)
    ok, text_or_kind, message, line = render($stdin.read, ENV.to_h, Dir.pwd)
    File.write(result, ok ? text_or_kind : [text_or_kind, line, message].join("\t"))
    exit!(ok ? 0 : 3)
  end
end

SextantErb.main(ARGV.fetch(0))
