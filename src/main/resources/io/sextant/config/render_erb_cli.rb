# Renders the ERB template read from standard input the way Kamal 2.12 renders config/deploy.yml
# (ERB.new(template, trim_mode: "-").result), for Sextant run with a `ruby` on PATH. The process runs in the
# working directory with the environment Sextant gives it. The text goes to the file named by ARGV[0], so that
# whatever the template itself prints stays apart; on failure, "kind<TAB>line<TAB>message" goes there instead
# and the exit status is 3.
require "erb"

module SextantErb
  def self.line_of(error)
    location = (error.backtrace_locations || []).find { |each| each.path == "(erb)" }
    return location.lineno if location

    found = (error.backtrace || []).map { |each| each[/\A\(erb\):(\d+)/, 1] }.compact.first
    found && found.to_i
  end

  def self.report(result, kind, line, message)
    File.write(result, [kind, line, message.to_s.lines.first.to_s.strip].join("\t"))
    exit! 3
  end

  # Everything in methods: no local variable of ours is visible in the template's copy of the top-level binding.
  def self.main(result)
    text = ERB.new($stdin.read, trim_mode: "-").result
    File.write(result, text)
  rescue SyntaxError => e
    detail = e.message.lines.first.to_s.strip.sub(/\A.*?\(erb\):\d+: /, "").sub(/\Asyntax error,? ?/, "")
    report(result, "syntax error", e.message[/\(erb\):(\d+):/, 1], detail)
  rescue Exception => e # rubocop:disable Lint/RescueException -- exit and abort in a template are errors too
    report(result, e.class.name, line_of(e), e.message)
  end
end

SextantErb.main(ARGV.fetch(0))
