{{%AUTOESCAPE context="XML"}}<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600" viewBox="0 0 400 600" role="img" aria-label="{{TITLE}} by {{AUTHOR}}">
  <rect width="400" height="600" fill="{{BACKGROUND}}"/>
  <rect x="24" y="24" width="352" height="552" fill="none" stroke="{{ACCENT}}" stroke-width="3"/>
  <circle cx="200" cy="420" r="{{ORNAMENT_RADIUS}}" fill="{{ACCENT}}" opacity="0.35"/>
  <circle cx="200" cy="420" r="{{ORNAMENT_INNER}}" fill="none" stroke="{{ACCENT}}" stroke-width="2"/>
  <g font-family="Georgia, 'Times New Roman', serif" fill="{{INK}}" text-anchor="middle">
    {{#TITLE_LINE}}<text x="200" y="{{Y}}" font-size="{{SIZE}}" font-weight="bold">{{TEXT}}</text>
    {{/TITLE_LINE}}<text x="200" y="540" font-size="22" letter-spacing="2">{{AUTHOR_UPPER}}</text>
  </g>
</svg>
