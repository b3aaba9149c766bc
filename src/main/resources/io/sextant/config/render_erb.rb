# Renders one ERB template the way Kamal 2.12 renders config/deploy.yml (lib/kamal/configuration.rb:
# ERB.new(template, trim_mode: "-").result): a fresh copy of the top-level binding, the given environment in
# ENV and the working directory as Dir.pwd (backticks, %x() and File.read see both).
# SextantErb.render returns [true, text] or [false, kind, message, line]; Sextant's RubyErb calls it on JRuby,
# render_erb_cli.rb with a `ruby` on PATH. Everything lives in one module so that no local variable or method of
# ours is visible to the template.
require "erb"

# Kamal runs templates with ActiveSupport loaded, so real configs test ENV values with blank?/present?/presence
# (e.g. `<% if ENV["REGISTRY"].present? %>`). These follow ActiveSupport's definitions; defined only when absent.
unless Object.method_defined?(:blank?)
  class Object
    def blank?
      respond_to?(:empty?) ? !!empty? : !self
    end

    def present?
      !blank?
    end

    def presence
      self if present?
    end
  end

  class String
    def blank?
      empty? || /\A[[:space:]]*\z/.match?(self)
    end
  end

  class Numeric
    def blank?
      false
    end
  end
end

module SextantErb
  def self.render(template, environment, directory)
    ENV.replace(environment.each_with_object({}) { |(name, value), copy| copy[name.to_s] = value.to_s })
    Dir.chdir(directory)
    [true, ERB.new(template.to_s, trim_mode: "-").result]
  rescue SyntaxError => e
    line = e.message[/\(erb\):(\d+):/, 1]
    detail = e.message.lines.first.to_s.strip.sub(/\A.*?\(erb\):\d+: /, "").sub(/\Asyntax error,? ?/, "")
    [false, "syntax error", detail, line && line.to_i]
  rescue Exception => e # rubocop:disable Lint/RescueException -- exit and abort in a template are errors too
    [false, e.class.name, e.message.to_s.lines.first.to_s.strip, line_of(e)]
  end

  def self.line_of(error)
    location = (error.backtrace_locations || []).find { |each| each.path == "(erb)" }
    return location.lineno if location

    found = (error.backtrace || []).map { |each| each[/\A\(erb\):(\d+)/, 1] }.compact.first
    found && found.to_i
  end
end

SextantErb
